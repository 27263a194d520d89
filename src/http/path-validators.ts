// express-openapi-validator finds a request's path by compiling the paths of its document into
// regular expressions, one after the other, at every request, until one matches: a call to the
// eighth path paid for eight compilations before anything was validated. Here each path of the
// contract has a validator of its own, given a document holding that path alone (and the components
// it reaches), so a request pays for one. A path's validator is made at its first request (warm-up
// makes them), not at start, where seventeen of them would delay the first answer. A request to a
// path the contract does not have (in case and trailing slash too) is answered 404 here.
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { pathTemplates } from './contract-routes.js';
import { ApiError } from './errors.js';

type ValidatorOptions = Parameters<typeof OpenApiValidator.middleware>[0];
type Document = { paths: Record<string, Record<string, unknown>>; components?: Record<string, Record<string, unknown>> };

/** The validator's steps, by the names it gives them (warm-up calls them by name too). */
const STEPS = ['pathParamsMiddleware', 'metadataMiddleware', 'securityMiddleware', 'requestMiddleware', 'responseMiddleware'] as const;
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const COMPONENT_REF = /^#\/components\/([^/]+)\/([^/]+)$/;

/** `document` with `template` its only path, and of its components those the path reaches (and every security scheme). */
export function documentOfPath<T extends Document>(document: T, template: string): T {
  const components: Record<string, Record<string, unknown>> = {};
  const reach = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(reach);
    if (node === null || typeof node !== 'object') return;
    const ref = (node as { $ref?: unknown }).$ref;
    const [, kind, name] = (typeof ref === 'string' && COMPONENT_REF.exec(ref)) || [];
    if (kind && name && !(name in (components[kind] ??= {}))) {
      const target = document.components?.[kind]?.[name];
      components[kind][name] = target;
      reach(target);
    }
    Object.values(node).forEach(reach);
  };
  reach(document.paths[template]);
  if (document.components?.securitySchemes) components.securitySchemes = document.components.securitySchemes;
  return { ...document, paths: { [template]: document.paths[template] }, components };
}

/**
 * express-openapi-validator's steps over `document`, with `options`, each handing a request to the
 * validator of its path (the one of the operation `operationOf` names, else the one its path is,
 * whose validator answers 405). Their names and order are the validator's own.
 */
export function validatorsByPath(
  document: Document,
  options: Omit<ValidatorOptions, 'apiSpec'>,
  operationOf: (req: IncomingMessage) => string | undefined,
): RequestHandler[] {
  const stepsOf = (apiSpec: Document) => {
    const steps = OpenApiValidator.middleware({ ...options, apiSpec: apiSpec as never });
    return STEPS.map((name) => {
      const step = steps.find((s) => s.name === name);
      if (!step) throw new Error(`express-openapi-validator has no step named ${name}`);
      return step;
    });
  };
  const templateOfOperation = new Map<string, string>();
  for (const [template, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const operationId = METHODS.has(method) ? (operation as { operationId?: string } | undefined)?.operationId : undefined;
      if (operationId) templateOfOperation.set(operationId, template);
    }
  }
  const templateOfPath = pathTemplates(document);
  const templateOf = (req: IncomingMessage) => {
    const operationId = operationOf(req);
    if (operationId !== undefined) return templateOfOperation.get(operationId);
    const url = (req as Request).originalUrl;
    const query = url.indexOf('?');
    return templateOfPath(query < 0 ? url : url.slice(0, query));
  };
  const pass: RequestHandler = (_req, _res, next) => next();
  const notFound: RequestHandler = (_req, _res, next) => next(new ApiError('ROUTE_NOT_FOUND'));
  const unknownPath = STEPS.map((name) => (name === 'metadataMiddleware' ? notFound : pass));
  const byTemplate = new Map<string, RequestHandler[]>();
  const stepsFor = (req: IncomingMessage) => {
    const template = templateOf(req);
    if (template === undefined) return unknownPath;
    let steps = byTemplate.get(template);
    if (!steps) byTemplate.set(template, (steps = stepsOf(documentOfPath(document, template))));
    return steps;
  };
  return STEPS.map((name, at) => {
    const step: RequestHandler = (req, res, next) => stepsFor(req)[at](req, res, next);
    return Object.defineProperty(step, 'name', { value: name });
  });
}
