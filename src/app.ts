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
import { handlers, PUBLIC_OPERATIONS } from './operations/index.js';
import type { OperationContext, OperationInput, OperationResult } from './operations/types.js';
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

type AnyHandler = (input: OperationInput<never>, ctx?: OperationContext) => OperationResult<never> | Promise<OperationResult<never>>;

export function createApp(options: AppOptions) {
  const logger = options.logger ?? createLogger('silent');
  const today = options.today ?? processingDate;
  const tenants = new Map(options.tenants.map((t) => [t.apikey, t]));
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');

  app.get('/openapi.yaml', (_req, res) => res.type('application/yaml').sendFile(SPEC_PATH));
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
        const tenant = tenants.get(String(req.headers.apikey ?? ''));
        if (!tenant) throw new ApiError('UNKNOWN_APIKEY');
        let store;
        try {
          store = await options.store.tenant(tenant.apikey);
        } catch (err) {
          if (err instanceof TenantDataError) throw new ApiError('TENANT_UNAVAILABLE', err.message);
          throw err;
        }
        const ctx: OperationContext = {
          tenant,
          store,
          organizations: options.organizations.filter((o) => tenant.organizations.includes(o.organizationNumber)),
          today: today(),
          resetTenant: () => options.store.reset(tenant.apikey),
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
