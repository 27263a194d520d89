// Reads JSON bodies without losing digits: an integer too large for a JS number (the seed sends
// 19-digit customer numbers bare) is kept as its exact digit string. The raw bytes stay on the
// request for signature checks. Repeated keys with different values are refused; a key repeated
// with the same value is harmless and read once.
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { isSafeNumber, parse } from 'lossless-json';
import { ApiError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: Buffer;
  }
}

/** A number a JS number cannot hold exactly stays text: identifiers then read digit for digit, anything else fails validation instead of being rounded. */
const parseNumber = (text: string): number | string => (isSafeNumber(text) ? Number(text) : text);

export function parseLosslessJson(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

export function jsonBody(limit: string) {
  const raw = express.raw({ type: () => true, limit });
  return [
    raw,
    (req: Request, _res: Response, next: NextFunction) => {
      const bytes = Buffer.isBuffer(req.body) ? req.body : undefined;
      req.rawBody = bytes ?? Buffer.alloc(0);
      if (!bytes || bytes.length === 0) {
        req.body = undefined;
        return next();
      }
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/(.+\+)?json\b/i.test(type)) {
        // Left for the contract validator, which answers 415 for an undeclared media type.
        req.body = bytes.toString('utf8');
        return next();
      }
      try {
        req.body = parseLosslessJson(bytes.toString('utf8'));
      } catch (err) {
        return next(new ApiError('MALFORMED_JSON', (err as Error).message.slice(0, 200)));
      }
      next();
    },
  ];
}
