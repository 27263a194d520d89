// When an answer fails response validation, the caller gets the envelope with SBX500R instead of
// the answer, and the log gets the validator's findings. express-openapi-validator calls this hook
// with the body it is about to send; rewriting that object in place is the hook's only way to
// change what goes out.
import type { Request } from 'express';
import { failure } from './envelope.js';
import { ERRORS } from './errors.js';
import { requestLog, type Logger } from '../logger.js';

interface ResponseValidationError {
  message?: string;
  errors?: { path?: string; message?: string }[];
}

export function replaceOffContractAnswer(logger: Logger) {
  return (err: ResponseValidationError, body: unknown, req: Request) => {
    const res = req.res!;
    requestLog(req, logger).error(
      { status: res.statusCode, method: req.method, path: req.path, problems: err.errors?.slice(0, 20) ?? err.message },
      'answer outside the contract replaced by SBX500R',
    );
    res.status(500);
    if (body && typeof body === 'object') {
      const target = body as Record<string, unknown>;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, failure([{ code: ERRORS.OFF_CONTRACT.code, description: ERRORS.OFF_CONTRACT.description }]));
    }
  };
}
