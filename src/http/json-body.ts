// Reads request bodies. JSON is parsed without losing digits: the contract validator sees every
// number as a JS number (so an integer-valued 1e16 or a 19-digit identifier passes `type: number`
// or `integer`), and once it has passed, each number a JS number would round is put back as its
// exact text, so handlers read a bare 19-digit customer number digit for digit. The raw bytes stay
// on the request for signature checks. Repeated keys with different values are refused; a key
// repeated with the same value is harmless and read once.
import type { NextFunction, Request, Response } from 'express';
import express from 'express';
import { isLosslessNumber, isSafeNumber, LosslessNumber, parse } from 'lossless-json';
import { ApiError } from './errors.js';

/** Where a rounded number sits in the parsed body, and its exact text. */
interface ExactNumber {
  holder: Record<string, unknown> | unknown[];
  key: string | number;
  text: string;
}

// What reading a body leaves for later steps is kept in the answer's locals (Express makes them
// per request, a map with room for more keys): a property added to the request itself cost a few
// microseconds a request.
const RAW_BODY = Symbol('raw body');
const EXACT_NUMBERS = Symbol('exact numbers');
type Locals = Record<symbol, unknown>;

/** The request body's bytes as they arrived (empty when there was none), once read; undefined before. */
export const rawBodyOf = (req: Request): Buffer | undefined => (req.res?.locals as Locals | undefined)?.[RAW_BODY] as Buffer | undefined;

const parseNumber = (text: string): number | LosslessNumber => (isSafeNumber(text) ? Number(text) : new LosslessNumber(text));

/** Replaces each LosslessNumber below `value` by its JS number, noting where it was. */
function loosen(value: unknown, found: ExactNumber[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (isLosslessNumber(item)) {
        found.push({ holder: value, key: i, text: item.value });
        value[i] = Number(item.value);
      } else loosen(item, found);
    });
  } else if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      if (isLosslessNumber(item)) {
        found.push({ holder: record, key, text: (item as LosslessNumber).value });
        record[key] = Number((item as LosslessNumber).value);
      } else loosen(item, found);
    }
  }
}

/**
 * What one pass over the text finds: the keys it writes (a string followed by a colon) and
 * whether a number has an exponent or 16 digits or more. Up to 15 digits without an exponent a
 * double holds any number exactly, so only such a number needs the lossless parser.
 */
function scanJson(text: string): { keys: number; longNumber: boolean } {
  let keys = 0;
  let longNumber = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34) break;
      }
      let j = i + 1;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13 || text.charCodeAt(j) === 9)) j++;
      if (text.charCodeAt(j) === 58 /* : */) keys++;
    } else if (c === 45 /* - */ || (c >= 48 && c <= 57)) {
      let digits = 0;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 48 && d <= 57) digits++;
        else if (d === 101 || d === 69 /* e E */) longNumber = true;
        else if (d !== 46 && d !== 43 && d !== 45 /* . + - */) break;
      }
      if (digits >= 16) longNumber = true;
      i--;
    }
  }
  return { keys, longNumber };
}

/** Keys of every object in a parsed value. */
function keysIn(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0;
  let count = 0;
  if (Array.isArray(value)) for (const item of value) count += keysIn(item);
  else for (const key in value) if (Object.hasOwn(value, key)) count += 1 + keysIn((value as Record<string, unknown>)[key]);
  return count;
}

/**
 * JSON.parse when it gives the same body as the lossless parser: no number a double could round
 * and no key written twice in one object (JSON.parse would keep the last, fewer keys than the text
 * writes). Anything else, malformed text included, goes to the lossless parser, whose verdicts and
 * messages stay the ones callers see.
 */
function parseFast(text: string): { body: unknown } | undefined {
  const scan = scanJson(text);
  if (scan.longNumber) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  return keysIn(body) === scan.keys ? { body } : undefined;
}

/** The body as the contract validator should judge it, and the exact text of every number it rounds. */
export function parseJsonForValidation(text: string): { body: unknown; exact: ExactNumber[] } {
  const exact: ExactNumber[] = [];
  const fast = parseFast(text);
  if (fast) return { body: fast.body, exact };
  const body = parse(text, undefined, parseNumber);
  if (isLosslessNumber(body)) return { body: Number((body as LosslessNumber).value), exact };
  loosen(body, exact);
  return { body, exact };
}

const putBack = (exact: ExactNumber[]) => {
  for (const { holder, key, text } of exact) (holder as Record<string | number, unknown>)[key] = text;
};

/** The body as handlers read it: every number a JS number cannot hold exactly is its text. */
export function parseLosslessJson(text: string): unknown {
  const { body, exact } = parseJsonForValidation(text);
  putBack(exact);
  return body;
}

/** After the contract check: numbers that were rounded for it become their exact text again. */
export function restoreExactNumbers(_req: Request, res: Response, next: NextFunction) {
  const exact = (res.locals as Locals)[EXACT_NUMBERS] as ExactNumber[] | undefined;
  if (exact?.length) putBack(exact);
  next();
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

/** Keeps the body's bytes, up to `limit`, for rawBodyOf. A GET's body means nothing in HTTP, so it is not read. */
export function captureRawBody(limit: string) {
  const raw = express.raw({ type: (req) => req.method !== 'GET' && req.method !== 'HEAD', limit });
  return [
    raw,
    (req: Request, res: Response, next: NextFunction) => {
      (res.locals as Locals)[RAW_BODY] = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      req.body = undefined;
      next();
    },
  ];
}

/** Turns the raw bytes into req.body: JSON and form bodies are parsed, other types left for the contract check. */
export function parseBody(maxDepth: number) {
  return (req: Request, res: Response, next: NextFunction) => {
    const bytes = (res.locals as Locals)[RAW_BODY] as Buffer | undefined;
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
      const { body, exact } = parseJsonForValidation(text);
      req.body = body;
      (res.locals as Locals)[EXACT_NUMBERS] = exact;
    } catch (err) {
      return next(new ApiError('MALFORMED_JSON', (err as Error).message.slice(0, 200)));
    }
    next();
  };
}
