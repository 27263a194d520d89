// createApp wires the pipeline and never listens: CORS → /openapi.yaml, /docs and /postman (no
// credentials) → raw body → access control → rate limit → body parsing → contract validation
// (requests and responses) → the operation's handler → one error handler.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { rateLimit } from 'express-rate-limit';
import { parse as parseYaml } from 'yaml';
import { accessControl, callerOf } from './auth/access-control.js';
import { createTokenIssuer } from './auth/access-token.js';
import { ReplayGuard } from './auth/replay-guard.js';
import { today as processingDate } from './config.js';
import type { Organization } from './domain/model.js';
import { createAnswerCompleter } from './http/answer-completer.js';
import { success } from './http/envelope.js';
import { errorHandler } from './http/error-handler.js';
import { ApiError } from './http/errors.js';
import { captureRawBody, parseBody, restoreExactNumbers } from './http/json-body.js';
import { replaceOffContractAnswer } from './http/off-contract.js';
import { createLogger, type Logger } from './logger.js';
import { corsFor } from './portal/cors.js';
import { docsRouter } from './portal/docs.js';
import { postmanFilesRouter } from './portal/postman-files.js';
import { handlers, PUBLIC_OPERATIONS, RAW_OPERATIONS, TENANT_ADMIN_OPERATIONS } from './operations/index.js';
import type { HandlerMap, OperationContext, OperationInput, TenantAdminContext, TokenContext } from './operations/types.js';
import { TenantDataError, type Store } from './store/store.js';
import type { Tenant } from './tenants.js';

export const SPEC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.yaml');
const IMPORT_PATH = '/sandbox/import';

export interface AppOptions {
  store: Store;
  tenants: Tenant[];
  organizations: Organization[];
  logger?: Logger;
  bodyLimit?: string;
  /** Largest body POST /sandbox/import accepts. */
  importBodyLimit?: string;
  /** The processing date, YYYY-MM-DD. */
  today?: () => string;
  /** The clock for token expiry and signature windows, in epoch milliseconds. */
  now?: () => number;
  /** Key that signs access tokens; a fresh random one by default, so tokens end with the process. */
  tokenKey?: Uint8Array;
  /** Local experiments only: the apikey alone is enough, no token or X-ClientID. */
  relaxedAuth?: boolean;
  rateLimitPerMinute?: number;
  maxJsonDepth?: number;
  /** Origins whose pages may call the sandbox from a browser; none by default. */
  corsOrigins?: string[];
  /** Tests only: handlers used instead of the real ones of the same operations. */
  handlers?: Partial<HandlerMap>;
}

type Context = TenantAdminContext | OperationContext | TokenContext;
type Result = { status: number; data?: unknown; body?: unknown };
type AnyHandler = (input: OperationInput<never>, ctx?: Context) => Result | Promise<Result>;

async function loadTenant(store: Store, tenantId: string) {
  try {
    return await store.tenant(tenantId);
  } catch (err) {
    if (err instanceof TenantDataError) throw new ApiError('TENANT_UNAVAILABLE', err.message);
    throw err;
  }
}

export function createApp(options: AppOptions) {
  const logger = options.logger ?? createLogger('silent');
  const today = options.today ?? processingDate;
  const now = options.now ?? Date.now;
  const issuer = createTokenIssuer(options.tokenKey ?? randomBytes(32));
  const operationHandlers = { ...handlers, ...options.handlers } as unknown as Record<string, AnyHandler>;
  const completeAnswer = createAnswerCompleter(parseYaml(readFileSync(SPEC_PATH, 'utf8'), { intAsBigInt: false }));

  /** What a handler of this operation may see about the caller and its data. */
  async function contextFor(operationId: string, tenant: Tenant): Promise<Context> {
    if (RAW_OPERATIONS.has(operationId)) return { tenant, issueToken: () => issuer.issue(tenant.apikey, now()) };
    const admin: TenantAdminContext = {
      tenant,
      knownOrganizations: options.organizations,
      resetTenant: () => options.store.reset(tenant.apikey),
      importTenant: (data) => options.store.replace(tenant.apikey, data),
    };
    if (TENANT_ADMIN_OPERATIONS.has(operationId)) return admin;
    return {
      ...admin,
      store: await loadTenant(options.store, tenant.apikey),
      organizations: options.organizations.filter((o) => tenant.organizations.includes(o.organizationNumber)),
      today: today(),
    };
  }

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.use(corsFor(options.corsOrigins ?? []));
  app.get('/openapi.yaml', (_req, res) => res.type('application/yaml').sendFile(SPEC_PATH));
  app.use(docsRouter());
  app.use(postmanFilesRouter());
  // An import carries a whole tenant, so its route alone accepts a larger body.
  const bodyOf = (limit: string) => express.Router().use(captureRawBody(limit));
  const body = bodyOf(options.bodyLimit ?? '100kb');
  const importBody = bodyOf(options.importBodyLimit ?? '50mb');
  app.use((req, res, next) => (req.path === IMPORT_PATH ? importBody : body)(req, res, next));
  app.use(accessControl({ tenants: options.tenants, issuer, replay: new ReplayGuard(), now, relaxed: options.relaxedAuth ?? false }));
  app.use(
    rateLimit({
      windowMs: 60_000,
      limit: options.rateLimitPerMinute ?? 6000,
      skip: (req) => !callerOf(req),
      keyGenerator: (req) => callerOf(req)!.apikey,
      standardHeaders: 'draft-7',
      legacyHeaders: false,
      handler: (req, res, next) => {
        const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
        res.setHeader('Retry-After', String(Math.max(1, Math.ceil(((resetTime?.getTime() ?? now() + 60_000) - Date.now()) / 1000))));
        next(new ApiError('RATE_LIMITED'));
      },
    }),
  );
  app.use(parseBody(options.maxJsonDepth ?? 32));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: SPEC_PATH,
      validateRequests: { allErrors: true },
      validateResponses: { allErrors: true, onError: replaceOffContractAnswer(logger) },
      // Access control above has already decided; the validator judges the request's content only.
      validateSecurity: false,
      ignorePaths: /^\/openapi\.yaml$/,
    }),
  );
  app.use(restoreExactNumbers);

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const openapi = (req as Request & { openapi?: { schema?: { operationId?: string }; pathParams?: Record<string, string> } }).openapi;
      const operationId = openapi?.schema?.operationId;
      const handler = operationId ? operationHandlers[operationId] : undefined;
      if (!operationId || !handler) throw new ApiError('ROUTE_NOT_FOUND');
      const input = { body: req.body, path: openapi?.pathParams ?? {}, query: req.query } as OperationInput<never>;
      let result: Result;
      if (PUBLIC_OPERATIONS.has(operationId)) {
        result = await handler(input);
      } else {
        const tenant = callerOf(req);
        if (!tenant) throw new ApiError('UNKNOWN_APIKEY');
        result = await handler(input, await contextFor(operationId, tenant));
      }
      res.status(result.status).json(RAW_OPERATIONS.has(operationId) ? result.body : success(completeAnswer(operationId, result.data)));
    } catch (err) {
      next(err);
    }
  });

  app.use(errorHandler(logger));
  return app;
}
