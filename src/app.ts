// createApp wires the contract, the validator, the tenant look-up and the handlers; it never listens.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { today as processingDate } from './config.js';
import { success } from './http/envelope.js';
import { errorHandler } from './http/error-handler.js';
import { ApiError } from './http/errors.js';
import { jsonBody } from './http/json-body.js';
import type { Logger } from './logger.js';
import { createLogger } from './logger.js';
import { handlers, PUBLIC_OPERATIONS, TENANT_ADMIN_OPERATIONS } from './operations/index.js';
import type { OperationContext, OperationInput, OperationResult, TenantAdminContext } from './operations/types.js';
import type { Organization } from './domain/model.js';
import { TenantDataError, type Store } from './store/store.js';
import type { Tenant } from './tenants.js';

export const SPEC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'openapi.yaml');

export interface AppOptions {
  store: Store;
  tenants: Tenant[];
  organizations: Organization[];
  logger?: Logger;
  bodyLimit?: string;
  today?: () => string;
}

/** Paths anyone may call without an apikey. */
const PUBLIC_PATHS = new Set(['/health', '/openapi.yaml']);

const callers = new WeakMap<Request, { tenant?: Tenant }>();
/** Per-request facts the middlewares hand on to the dispatcher. */
function callerOf(req: Request): { tenant?: Tenant } {
  let facts = callers.get(req);
  if (!facts) callers.set(req, (facts = {}));
  return facts;
}

type AnyHandler = (input: OperationInput<never>, ctx?: TenantAdminContext | OperationContext) => OperationResult<never> | Promise<OperationResult<never>>;

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
  const tenants = new Map(options.tenants.map((t) => [t.apikey, t]));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/openapi.yaml', (_req, res) => res.type('application/yaml').sendFile(SPEC_PATH));
  // Who is calling is settled before anything about the request is judged, as on the platform.
  app.use((req: Request, _res: Response, next: NextFunction) => {
    if (PUBLIC_PATHS.has(req.path)) return next();
    const tenant = tenants.get(String(req.headers.apikey ?? ''));
    if (!tenant) return next(new ApiError('UNKNOWN_APIKEY'));
    callerOf(req).tenant = tenant;
    next();
  });
  app.use(jsonBody(options.bodyLimit ?? '100kb'));
  app.use(
    OpenApiValidator.middleware({
      apiSpec: SPEC_PATH,
      validateRequests: { allErrors: true },
      validateResponses: { allErrors: true },
      // Access control is the tenant middleware's job below.
      validateSecurity: false,
      ignorePaths: /^\/openapi\.yaml$/,
    }),
  );

  app.use(async (req: Request, res: Response, next: NextFunction) => {
    try {
      const openapi = (req as Request & { openapi?: { schema?: { operationId?: string }; pathParams?: Record<string, string> } }).openapi;
      const operationId = openapi?.schema?.operationId;
      const handler = operationId ? (handlers as unknown as Record<string, AnyHandler>)[operationId] : undefined;
      if (!handler) throw new ApiError('ROUTE_NOT_FOUND');
      const input = { body: req.body, path: openapi?.pathParams ?? {}, query: req.query } as OperationInput<never>;
      let result;
      if (PUBLIC_OPERATIONS.has(operationId!)) {
        result = await handler(input);
      } else {
        const tenant = callerOf(req).tenant;
        if (!tenant) throw new ApiError('UNKNOWN_APIKEY');
        const admin = { tenant, resetTenant: () => options.store.reset(tenant.apikey) };
        const ctx: TenantAdminContext | OperationContext = TENANT_ADMIN_OPERATIONS.has(operationId!)
          ? admin
          : {
              ...admin,
              store: await loadTenant(options.store, tenant.apikey),
              organizations: options.organizations.filter((o) => tenant.organizations.includes(o.organizationNumber)),
              today: today(),
            };
        result = await handler(input, ctx);
      }
      res.status(result.status).json(success(result.data));
    } catch (err) {
      next(err);
    }
  });

  app.use(errorHandler(logger));
  return app;
}
