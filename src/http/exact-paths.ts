// express-openapi-validator matches a request to the contract's paths as Express routes do,
// case-insensitive and with an optional trailing slash, so /CUSTOMER/lookup or /customer/lookup/
// reached the lookup's handler: an answer at a path the contract does not have. Here a path that is
// not exactly one of the contract's is answered 404 before the validator looks at it.
import type { IncomingMessage } from 'node:http';
import type { Request, RequestHandler } from 'express';
import { pathTemplates } from './contract-routes.js';
import { ApiError } from './errors.js';

/**
 * The validator's steps with its path matching (the step it names metadataMiddleware) held to the
 * contract's exact paths; `operationOf` names the operation a request's method and path lead to.
 */
export function exactPaths(
  validatorSteps: RequestHandler[],
  document: Parameters<typeof pathTemplates>[0],
  operationOf: (req: IncomingMessage) => string | undefined,
): RequestHandler[] {
  const templateOf = pathTemplates(document);
  // A path is the contract's when it leads to an operation, or (called with another method, for a 405) is one of its paths.
  const isContractPath = (req: Request) => {
    if (operationOf(req) !== undefined) return true;
    const url = req.originalUrl;
    const query = url.indexOf('?');
    return templateOf(query < 0 ? url : url.slice(0, query)) !== undefined;
  };
  return validatorSteps.map((step) => {
    if (step.name !== 'metadataMiddleware') return step;
    const exact: RequestHandler = (req, res, next) => (isContractPath(req) ? step(req, res, next) : next(new ApiError('ROUTE_NOT_FOUND')));
    return Object.defineProperty(exact, 'name', { value: step.name });
  });
}
