// Lets a developer portal on another origin call the sandbox from the browser. Only the origins in
// CORS_ORIGINS get CORS headers (their own origin, never `*`); pages the sandbox serves itself, such
// as /docs, are same-origin and need none. It runs before access control, because a browser sends
// the preflight without the apikey or token it is asking permission for.
import cors from 'cors';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from '../http/errors.js';

/** Every header a FirstVision client sends, the signature's included, the request id to quote, and the sandbox's Prefer. */
export const CORS_REQUEST_HEADERS = ['apikey', 'X-ClientID', 'Authorization', 'Content-Type', 'Signature', 'Timestamp', 'X-Client-Request-Id', 'X-Request-Id', 'Prefer'];

/** Answer headers a browser hides from scripts unless named: when to retry, what is left of the rate limit, the request id, which preferences were honoured. */
export const CORS_EXPOSED_HEADERS = ['Retry-After', 'RateLimit', 'RateLimit-Policy', 'X-Request-Id', 'Preference-Applied'];

const isPreflight = (req: Request) => req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;

export function corsFor(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  const grant = cors({
    origin: true,
    methods: ['GET', 'POST', 'PUT'],
    allowedHeaders: CORS_REQUEST_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    // The API authenticates with headers, never cookies, so browsers need not send credentials.
    credentials: false,
    maxAge: 600,
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const origin = req.headers.origin;
    if (origin === undefined) return next();
    // Answers differ by origin, so a shared cache must not hand one origin's answer to another.
    res.vary('Origin');
    if (allowed.has(origin)) return grant(req, res, next);
    // Without this, a refused preflight would reach access control and read as a bad apikey.
    if (isPreflight(req)) return next(new ApiError('CORS_ORIGIN_REFUSED', origin));
    next();
  };
}
