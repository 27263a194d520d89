// Reads request bodies. JSON is parsed without losing digits: a number a JS number cannot hold
// exactly stays its text, so a bare 19-digit customer number (the portal sends them) reads digit
// for digit and anything else that would be rounded fails validation instead. The raw bytes stay
// on the request for signature checks. Repeated keys with different values are refused; a key
// repeated with the same value is harmless and read once.
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { isSafeNumber, parse } from 'lossless-json';
import { ApiError } from './errors.js';

declare module 'express-serve-static-core' {
  interface Request {
    rawBody?: Buffer;
  }
}

const parseNumber = (text: string): number | string => (isSafeNumber(text) ? Number(text) : text);

export function parseLosslessJson(text: string): unknown {
  return parse(text, undefined, parseNumber);
}

/** True when objects and arrays nest deeper than `limit`; a linear scan, so hostile depth costs nothing. */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth--;
  }
  return false;
}

/** Keeps the body's bytes, up to `limit`, on req.rawBody. */
export function captureRawBody(limit: string) {
  const raw = express.raw({ type: () => true, limit });
  return [
    raw,
    (req: Request, _res: Response, next: NextFunction) => {
      req.rawBody = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      req.body = undefined;
      next();
    },
  ];
}

/** Turns the raw bytes into req.body: JSON and form bodies are parsed, other types left for the contract check. */
export function parseBody(maxDepth: number) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const bytes = req.rawBody;
    if (!bytes || bytes.length === 0) return next();
    const type = req.headers['content-type'] ?? '';
    const text = bytes.toString('utf8');
    if (/^application\/x-www-form-urlencoded\b/i.test(type)) {
      req.body = Object.fromEntries(new URLSearchParams(text));
      return next();
    }
    if (!/^application\/(.+\+)?json\b/i.test(type)) {
      // Left as text for the contract validator, which answers 415 for an undeclared media type.
      req.body = text;
      return next();
    }
    if (nestsDeeperThan(text, maxDepth)) return next(new ApiError('JSON_TOO_DEEP', `at most ${maxDepth} levels`));
    try {
      req.body = parseLosslessJson(text);
    } catch (err) {
      return next(new ApiError('MALFORMED_JSON', (err as Error).message.slice(0, 200)));
    }
    next();
  };
}
