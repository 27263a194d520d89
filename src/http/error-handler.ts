// Turns every failure into the envelope with its status. Stack traces go to the log only.
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';
import { failure, type ErrorItem } from './envelope.js';
import { ApiError, ERRORS, type ErrorTemplate } from './errors.js';
import { rawBodyOf } from './json-body.js';
import { schemaCodeFor } from './schema-codes.js';
import { requestLog, type Logger } from '../logger.js';
import { TenantDataError } from '../store/store.js';

interface ValidatorError {
  status?: number;
  message?: string;
  type?: string;
  headers?: Record<string, string>;
  errors?: { path?: string; message?: string; errorCode?: string }[];
}

interface Classified {
  status: number;
  errors: ErrorItem[];
  log: boolean;
  headers?: Record<string, string>;
}

const fromTemplate = (tpl: ErrorTemplate, detail?: string): ErrorItem => ({
  code: tpl.code,
  description: detail ? `${tpl.description}: ${detail}` : tpl.description,
});

/** express-openapi-validator's field path, without its `/body` prefix, reads best for callers. */
const fieldOf = (path = '') => path.replace(/^\/(body|query|params|headers)\/?/, '$1 ').replace(/^body /, '').trim();

const operationOf = (req: Request) => (req as Request & { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId;

/**
 * A schema violation: fields with a platform code of their own (SCHEMA_CODES) answer that code,
 * the rest the generic SBX400V. The platform answers one business code at a time, so when any
 * field has one, the first such field decides the answer.
 */
function validationFailure(e: ValidatorError, operationId: string | undefined): Classified {
  const items = e.errors?.length ? e.errors : [{ message: e.message }];
  for (const x of items) {
    const name = schemaCodeFor(operationId, x.path, x.errorCode?.split('.')[0]);
    if (name) {
      const tpl = ERRORS[name];
      return { status: tpl.status, errors: [fromTemplate(tpl, [fieldOf(x.path), x.message].filter(Boolean).join(' '))], log: false };
    }
  }
  return {
    status: 400,
    errors: items.slice(0, 20).map((x) => fromTemplate(ERRORS.VALIDATION, [fieldOf(x.path), x.message].filter(Boolean).join(' '))),
    log: false,
  };
}

function classify(err: unknown, req: Request): Classified {
  if (err instanceof ApiError) {
    const more = err.more.map((description) => ({ code: err.template.code, description }));
    return { status: err.template.status, errors: [fromTemplate(err.template, err.detail), ...more], log: false };
  }
  // Raised by a commit whose tenant data could not be stored, or was replaced while the request ran.
  if (err instanceof TenantDataError) return { status: 503, errors: [fromTemplate(ERRORS.TENANT_UNAVAILABLE, err.message)], log: false };
  const e = (err ?? {}) as ValidatorError;
  if (e.type === 'entity.too.large' || e.status === 413) {
    return { status: 413, errors: [fromTemplate(ERRORS.BODY_TOO_LARGE)], log: false };
  }
  if (e.errors?.some((x) => x.path?.startsWith('/response')) || (e.status === 500 && e.message?.includes('.response'))) {
    return { status: 500, errors: [fromTemplate(ERRORS.OFF_CONTRACT)], log: true };
  }
  switch (e.status) {
    case 400:
      return validationFailure(e, operationOf(req));
    case 404:
      return { status: 404, errors: [fromTemplate(ERRORS.ROUTE_NOT_FOUND)], log: false };
    case 405:
      // RFC 9110: a 405 names the methods the path does answer.
      return { status: 405, errors: [fromTemplate(ERRORS.METHOD_NOT_ALLOWED)], log: false, headers: e.headers?.Allow ? { Allow: e.headers.Allow } : undefined };
    case 415:
      // With no body at all the media type is not the caller's mistake: the missing body is.
      if (!rawBodyOf(req)?.length && !req.headers['content-type']) {
        return { status: 400, errors: [fromTemplate(ERRORS.VALIDATION, 'a JSON request body is required')], log: false };
      }
      return { status: 415, errors: [fromTemplate(ERRORS.UNSUPPORTED_MEDIA_TYPE)], log: false };
    default:
      return { status: 500, errors: [fromTemplate(ERRORS.INTERNAL)], log: true };
  }
}

/**
 * Writes the envelope without passing it through the response validator: the last resort when
 * the validator refused an error answer, so the caller still gets JSON and never Express's page.
 */
function writeUnchecked(res: Response, status: number, errors: ErrorItem[]) {
  res.status(status).setHeader('Content-Type', 'application/json; charset=utf-8');
  res.end(JSON.stringify(failure(errors)));
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, errors, log, headers } = classify(err, req);
    const lines = requestLog(req, logger);
    if (log) lines.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    for (const [name, value] of Object.entries(headers ?? {})) res.setHeader(name, value);
    try {
      res.status(status).json(failure(errors));
    } catch (refused) {
      // The contract does not allow this status (or body) for the operation: that is the
      // sandbox's fault, said in the envelope, with the detail in the log.
      lines.error({ err: refused, status, code: errors[0]?.code, method: req.method, path: req.path }, 'error answer outside the contract');
      writeUnchecked(res, 500, [fromTemplate(ERRORS.OFF_CONTRACT)]);
    }
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(new ApiError('ROUTE_NOT_FOUND'));
