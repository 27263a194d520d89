// Middleware run one after the other as a single Express layer. Express 5's router pays for every
// layer on every request (path matching, prefix trimming, a promise check); the sandbox's own steps
// and the validator's are a dozen layers that match every path, so one layer runs them all.
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export function series(...steps: RequestHandler[]): RequestHandler {
  return (req: Request, res: Response, done: NextFunction) => {
    let at = 0;
    const next = (err?: unknown) => {
      if (err !== undefined && err !== null && err !== false) return done(err);
      const step = steps[at++];
      if (step === undefined) return done();
      try {
        const ran = step(req, res, next) as unknown;
        // An async step that throws hands its error on, as Express 5 does.
        if (ran instanceof Promise) ran.catch((rejected: unknown) => done(rejected ?? new Error("Rejected promise")));
      } catch (thrown) {
        done(thrown);
      }
    };
    next();
  };
}
