// When an answer is outside the contract (its body fails response validation, or its status is
// not one the operation declares), the caller gets the envelope with SBX500R instead of the answer,
// and the log gets what was wrong.
import type { Request } from 'express';
import { isWarmUp } from './contract-warm-up.js';
import { failure } from './envelope.js';
import { ERRORS } from './errors.js';
import { requestLog, type Logger } from '../logger.js';

interface ResponseValidationError {
  message?: string;
  errors?: { path?: string; message?: string }[];
}

const offContractEnvelope = () => failure([{ code: ERRORS.OFF_CONTRACT.code, description: ERRORS.OFF_CONTRACT.description }]);

function logAndSet500(logger: Logger, req: Request, problems: unknown) {
  const res = req.res!;
  requestLog(req, logger).error({ status: res.statusCode, method: req.method, path: req.path, problems }, 'answer outside the contract replaced by SBX500R');
  res.status(500);
}

/** For answersDeclaredStatus: logs the problem, sets 500 and gives the body to send instead. */
export function offContractAnswer(logger: Logger) {
  return (req: Request, problem: string) => {
    logAndSet500(logger, req, problem);
    return offContractEnvelope();
  };
}

/**
 * The validator's onError hook. express-openapi-validator calls it with the body it is about to
 * send; rewriting that object in place is the hook's only way to change what goes out.
 */
export function replaceOffContractAnswer(logger: Logger) {
  return (err: ResponseValidationError, body: unknown, req: Request) => {
    // The process's own request, made only to compile validators: its answer goes nowhere.
    if (isWarmUp(req)) return;
    logAndSet500(logger, req, err.errors?.slice(0, 20) ?? err.message);
    if (body && typeof body === 'object') {
      const target = body as Record<string, unknown>;
      for (const key of Object.keys(target)) delete target[key];
      Object.assign(target, offContractEnvelope());
    }
  };
}
