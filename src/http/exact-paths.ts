// express-openapi-validator matches a request to the contract's paths as Express routes do,
// case-insensitive and with an optional trailing slash, so /CUSTOMER/lookup or /customer/lookup/
// reached the lookup's handler: an answer at a path the contract does not have. Here a path that is
// not exactly one of the contract's is answered 404 before the validator looks at it.
//
// The validator also works the match out anew for every request, compiling each of the contract's
// paths to a regular expression until one matches. Once a path is known to be exactly one of the
// contract's, its match for a method is the same every time but for the path's parameters, so the
// validator's verdict is kept after the first request and given again with the parameters read here.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { pathParamReaders, pathTemplates } from './contract-routes.js';
import { ApiError } from './errors.js';

/** What the validator's path matching leaves on the request for its later steps (its field names, version 5.6). */
interface ValidatorMatch {
  expressRoute: string;
  openApiRoute: string;
  pathParams: Record<string, string>;
  schema: unknown;
  serial: number;
  _responseSchema?: unknown;
}
type Matched = Request & { openapi?: ValidatorMatch };

/** A match with these parameters, as one literal: spreading the kept match cost more than the rest of this step. */
const withParams = (m: ValidatorMatch, pathParams: Record<string, string>): ValidatorMatch => ({
  expressRoute: m.expressRoute,
  openApiRoute: m.openApiRoute,
  pathParams,
  schema: m.schema,
  serial: m.serial,
  _responseSchema: m._responseSchema,
});
/** The fields above, in the validator's order: a match with other fields is not kept. */
const MATCH_FIELDS = Object.keys(withParams({} as ValidatorMatch, {})).join();

/**
 * The validator's steps with its path matching (the step it names metadataMiddleware) held to the
 * contract's exact paths and worked out once per method and path.
 */
export function exactPaths(validatorSteps: RequestHandler[], document: Parameters<typeof pathTemplates>[0]): RequestHandler[] {
  const templateOf = pathTemplates(document);
  const paramsReaderOf = pathParamReaders(document);
  /** `${method} ${template}` → the validator's match (its parameters those of the first request). */
  const known = new Map<string, ValidatorMatch>();

  return validatorSteps.map((step) => {
    if (step.name !== 'metadataMiddleware') return step;
    const exact = (req: Matched, res: Response, next: NextFunction) => {
      const url = req.originalUrl;
      const query = url.indexOf('?');
      const path = query < 0 ? url : url.slice(0, query);
      const template = templateOf(path);
      // Any method goes on to the validator (an undeclared one is answered 405 there).
      if (template === undefined) return next(new ApiError('ROUTE_NOT_FOUND'));
      const key = `${req.method} ${template}`;
      const match = known.get(key);
      if (match !== undefined) {
        let pathParams: Record<string, string>;
        try {
          pathParams = paramsReaderOf(template)?.(path) ?? {};
        } catch {
          return step(req, res, next); // a malformed escape: the validator's own answer
        }
        req.openapi = withParams(match, pathParams);
        req.params = pathParams;
        return next();
      }
      return step(req, res, (err?: unknown) => {
        // Kept only when it holds exactly the fields above: a version that added one is asked every time.
        if (err === undefined && req.openapi && Object.keys(req.openapi).join() === MATCH_FIELDS) known.set(key, req.openapi);
        next(err);
      });
    };
    return Object.defineProperty(exact, 'name', { value: step.name });
  });
}
