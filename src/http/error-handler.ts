// Turns every failure into the envelope with its status. Stack traces go to the log only.
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { failure, type ErrorItem } from './envelope.js';
import { ApiError, ERRORS, type ErrorTemplate } from './errors.js';
import type { Logger } from '../logger.js';
import { TenantDataError } from '../store/store.js';

interface ValidatorError {
  status?: number;
  message?: string;
  type?: string;
  errors?: { path?: string; message?: string }[];
}

const fromTemplate = (tpl: ErrorTemplate, detail?: string): ErrorItem => ({
  code: tpl.code,
  description: detail ? `${tpl.description}: ${detail}` : tpl.description,
});

/** express-openapi-validator's field path, without its `/body` prefix, reads best for callers. */
const fieldOf = (path = '') => path.replace(/^\/(body|query|params|headers)\/?/, '$1 ').replace(/^body /, '').trim();

function classify(err: unknown, bodyless: boolean): { status: number; errors: ErrorItem[]; log: boolean } {
  if (err instanceof ApiError) {
    return { status: err.template.status, errors: [fromTemplate(err.template, err.detail)], log: false };
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
      return {
        status: 400,
        errors: (e.errors?.length ? e.errors : [{ message: e.message }]).slice(0, 20).map((x) =>
          fromTemplate(ERRORS.VALIDATION, [fieldOf(x.path), x.message].filter(Boolean).join(' ')),
        ),
        log: false,
      };
    case 404:
      return { status: 404, errors: [fromTemplate(ERRORS.ROUTE_NOT_FOUND)], log: false };
    case 405:
      return { status: 405, errors: [fromTemplate(ERRORS.METHOD_NOT_ALLOWED)], log: false };
    case 415:
      // With no body at all the media type is not the caller's mistake: the missing body is.
      if (bodyless) return { status: 400, errors: [fromTemplate(ERRORS.VALIDATION, 'a JSON request body is required')], log: false };
      return { status: 415, errors: [fromTemplate(ERRORS.UNSUPPORTED_MEDIA_TYPE)], log: false };
    default:
      return { status: 500, errors: [fromTemplate(ERRORS.INTERNAL)], log: true };
  }
}

export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const { status, errors, log } = classify(err, !req.rawBody?.length && !req.headers['content-type']);
    if (log) logger.error({ err, method: req.method, path: req.path }, 'request failed');
    if (res.headersSent) return;
    res.status(status).json(failure(errors));
  };
}

export const routeNotFound: RequestHandler = (_req, _res, next) => next(new ApiError('ROUTE_NOT_FOUND'));
