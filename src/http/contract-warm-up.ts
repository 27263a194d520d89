// express-openapi-validator compiles an operation's validators on the operation's first request
// and its first answer: tens to hundreds of milliseconds each, in which the process answers nobody,
// not /health and not another tenant. Warm-up makes those first calls itself, over loopback, once
// the server listens, so that callers find the validators ready. Its requests carry a secret made at
// start and go through the validator's own steps only: never the log, the metrics, the journal,
// access control or a handler.
import { randomBytes } from 'node:crypto';
import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { series } from './series.js';

const SECRET_HEADER = 'x-sandbox-warm-up';
const PART_HEADER = 'x-sandbox-warm-up-part';
const WARM_UP = Symbol('contract warm-up');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
/** How often a warm-up that gave way looks again whether the process is free. */
const GIVE_WAY_MS = 50;
/** What a warm-up call is answered when the process became busy before it arrived: it is made again later. */
const NOT_NOW = 503;

/** True for a warm-up request: what the validator says about its answer concerns nobody. */
export const isWarmUp = (req: IncomingMessage): boolean => (req as IncomingMessage & { [WARM_UP]?: boolean })[WARM_UP] === true;

export interface WarmUpRoute {
  operationId: string;
  method: string;
  path: string;
  /** The request's media type, as callers send it (the validator keeps one set of validators per type). */
  contentType?: string;
}

/**
 * One request per operation of the contract, each reaching the operation's validators; the
 * smallest operations first, as the first request also pays for setting the validator up.
 */
export function warmUpRoutes(spec: { paths: Record<string, Record<string, { operationId?: string; requestBody?: { content?: object } }>> }): WarmUpRoute[] {
  const routes: (WarmUpRoute & { size: number })[] = [];
  for (const [template, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation?.operationId) continue;
      // Any value will do for a path parameter: it only has to lead to the operation.
      const path = template.replace(/\{[^}]+\}/g, '0');
      routes.push({ operationId: operation.operationId, method: method.toUpperCase(), path, contentType: Object.keys(operation.requestBody?.content ?? {})[0], size: JSON.stringify(operation).length });
    }
  }
  return routes.sort((a, b) => a.size - b.size).map(({ size: _, ...route }) => route);
}

/**
 * The step that answers warm-up requests (first in the pipeline, so nothing else sees them) and the
 * function that sends them. `validatorSteps` are the validator's middleware, as it returned them;
 * `operationOf` names the operation a request leads to. While `busy` says so (a tenant loading,
 * which a caller waits for), warm-up waits: it only spares future callers a first compilation, and
 * each of its calls holds the process for up to tens of milliseconds.
 */
export function contractWarmUp(validatorSteps: RequestHandler[], operationOf: (req: IncomingMessage) => string | undefined, busy: () => boolean = () => false) {
  const secret = randomBytes(16).toString('hex');
  // The validator names its steps; if a version renamed them, warm-up does nothing rather than guess.
  const named = (name: string) => validatorSteps.find((step) => step.name === name);
  const [pathParams, metadata, request, response] = ['pathParamsMiddleware', 'metadataMiddleware', 'requestMiddleware', 'responseMiddleware'].map(named);
  const usable = !!(pathParams && metadata && request && response);

  const answer: RequestHandler = (_req, res) => void res.status(200).json({});
  // The request's validators and the answer's are compiled in separate requests, so that the process
  // is held up by one compilation at a time. The request validator's verdict does not matter.
  const compileRequest = usable ? series(pathParams!, metadata!, (req, res, next) => request!(req, res, () => next()), answer) : undefined;
  const compileAnswer = usable ? series(pathParams!, metadata!, response!, answer) : undefined;

  /** Operations callers have called, and those warmed up. */
  const called = new Set<string>();
  const warmed = new Set<string>();
  /** Once every route is warm, no request concerns this step: it hands each one on at once. */
  let done = false;

  const step: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (done) return next();
    if (!usable || req.headers[SECRET_HEADER] !== secret) {
      const operationId = operationOf(req);
      if (operationId && !warmed.has(operationId)) called.add(operationId);
      return next();
    }
    (req as Request & { [WARM_UP]?: boolean })[WARM_UP] = true;
    // Checked again here, as the process may have become busy since the call was sent.
    const operationId = operationOf(req);
    if (busy() && !(operationId && called.has(operationId))) return void res.status(NOT_NOW).end();
    req.body = {};
    const part = req.headers[PART_HEADER] === 'answer' ? compileAnswer! : compileRequest!;
    part(req, res, () => void res.status(500).end());
  };

  /**
   * Calls every route twice (request, then answer), one call at a time; resolves with how many were
   * made. An operation a caller has called while the process is busy is warmed up at once: its
   * answer would otherwise be compiled when the load ends, as the caller's answer leaves.
   */
  async function warmUp(server: http.Server, routes: WarmUpRoute[]): Promise<number> {
    if (!usable || done) return 0;
    const { address, port } = server.address() as AddressInfo;
    const host = address === '0.0.0.0' ? '127.0.0.1' : address === '::' ? '::1' : address;
    /** The route's request, then its answer; false when the process turned busy and it must be made again. */
    const warmRoute = async (route: WarmUpRoute) => {
      for (const part of ['request', 'answer']) {
        const headers: http.OutgoingHttpHeaders = { [SECRET_HEADER]: secret, [PART_HEADER]: part };
        if (route.contentType) headers['content-type'] = route.contentType;
        if ((await call({ host, port, method: route.method, path: route.path, headers })) === NOT_NOW) return false;
      }
      return true;
    };
    const pending = [...routes];
    const calledFirst = () => pending.findIndex((r) => called.has(r.operationId));
    let calls = 0;
    while (pending.length > 0) {
      let next = calledFirst();
      while (next === -1 && busy()) {
        await sleep(GIVE_WAY_MS);
        next = calledFirst();
      }
      const route = pending[Math.max(next, 0)];
      if (!(await warmRoute(route))) continue;
      calls += 2;
      pending.splice(pending.indexOf(route), 1);
      warmed.add(route.operationId);
      called.delete(route.operationId);
    }
    done = true;
    return calls;
  }

  return { step, warmUp };
}

/** Sends one warm-up call; resolves with the status it was answered. */
function call(options: http.RequestOptions): Promise<number> {
  return new Promise((resolve, reject) => {
    // A call that hangs must not hold the warm-up (and the process's exit) forever.
    const req = http.request({ ...options, agent: false, timeout: 30_000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer to ${options.method} ${options.path} within 30 s`)));
    req.on('error', reject);
    req.end();
  });
}
