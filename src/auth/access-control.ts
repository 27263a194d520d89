// Settles who is calling before anything else about a request is judged: the apikey's tenant,
// its bearer token (or, for POST /token, its Basic credentials), its X-ClientID and, when sent or
// required, its HMAC signature with replay refusal.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, fail } from '../http/errors.js';
import { rawBodyOf } from '../http/json-body.js';
import type { Tenant } from '../tenants.js';
import type { TokenIssuer } from './access-token.js';
import type { SeenRequestIds } from './replay-guard.js';
import { constantTimeEqual, SIGNATURE_WINDOW_MS, signRequest, timestampFresh } from './request-signature.js';

export interface AccessOptions {
  tenants: Tenant[];
  issuer: TokenIssuer;
  /** Request ids of signed requests already used: this process's memory, or a database several instances share. */
  replay: SeenRequestIds;
  now: () => number;
  /** Local experiments only: the apikey alone is enough (no token; X-ClientID, if sent, must still match). */
  relaxed: boolean;
}

/** Paths anyone may call. */
export const PUBLIC_PATHS: ReadonlySet<string> = new Set(['/health', '/metrics', '/openapi.yaml']);
export const TOKEN_PATH = '/token';

const callers = new WeakMap<Request, Tenant>();

/** The tenant access control admitted for this request, if any. */
export const callerOf = (req: Request): Tenant | undefined => callers.get(req);

const header = (req: Request, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

function checkBasic(req: Request, tenant: Tenant) {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header(req, 'authorization') ?? '');
  if (!m) return fail('BASIC_REQUIRED');
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return fail('BASIC_REQUIRED');
  if (!constantTimeEqual(tenant.apikey, decoded.slice(0, colon))) fail('BASIC_USER_MISMATCH');
  if (!constantTimeEqual(tenant.secret, decoded.slice(colon + 1))) fail('SECRET_MISMATCH');
}

async function checkBearer(req: Request, tenant: Tenant, options: AccessOptions) {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
  if (!m) return fail('TOKEN_MISSING');
  await options.issuer.verify(m[1], tenant.apikey, options.now());
}

/**
 * Checks the signature, if any; answers the request id a correctly signed request uses up and
 * until when (undefined when unsigned). A Timestamp may be ahead of the clock, and the request stays
 * acceptable until its window closes, so its id is kept that long too.
 */
function checkSignature(req: Request, tenant: Tenant, now: number): { requestId: string; untilMs: number } | undefined {
  const signature = header(req, 'signature');
  if (!signature) {
    if (tenant.requireSignature) fail('SIGNATURE_REQUIRED');
    return undefined;
  }
  const requestId = header(req, 'x-client-request-id');
  const timestamp = header(req, 'timestamp');
  if (!requestId || !timestamp) return fail('SIGNED_HEADERS_MISSING');
  if (!timestampFresh(timestamp, now)) fail('TIMESTAMP_SKEWED');
  const expected = signRequest(tenant.secret, tenant.apikey, requestId, timestamp, rawBodyOf(req) ?? Buffer.alloc(0));
  if (!constantTimeEqual(expected, signature)) fail('SIGNATURE_INVALID');
  return { requestId, untilMs: Math.max(now, Number(timestamp)) + SIGNATURE_WINDOW_MS };
}

export function accessControl(options: AccessOptions): RequestHandler {
  const tenants = new Map(options.tenants.map((t) => [t.apikey, t]));
  return async (req: Request, _res: Response, next: NextFunction) => {
    if (PUBLIC_PATHS.has(req.path)) return next();
    try {
      const tenant = tenants.get(header(req, 'apikey') ?? '');
      if (!tenant) throw new ApiError('UNKNOWN_APIKEY');
      if (req.path === TOKEN_PATH) checkBasic(req, tenant);
      else {
        // Relaxed mode lets a bare curl with only the apikey through, so it fills in the registered X-ClientID.
        if (options.relaxed && header(req, 'x-clientid') === undefined) req.headers['x-clientid'] = tenant.clientId;
        if (header(req, 'x-clientid') !== tenant.clientId) fail('CLIENT_ID_MISMATCH');
        if (!options.relaxed) await checkBearer(req, tenant, options);
        const now = options.now();
        const signed = checkSignature(req, tenant, now);
        // Only a correctly signed request uses up its id, so nobody can burn another client's ids.
        // Unsigned requests wait for nothing; a shared memory of ids may take a round trip.
        if (signed && !(await options.replay.admit(tenant.apikey, signed.requestId, now, signed.untilMs))) fail('REPLAYED');
      }
      callers.set(req, tenant);
      next();
    } catch (err) {
      next(err);
    }
  };
}
