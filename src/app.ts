// createApp wires the pipeline and never listens: the process's own warm-up requests → request id,
// log line and metrics → CORS → /openapi.yaml, /docs and /postman (no credentials) → raw body →
// access control → rate limit → body parsing → contract validation (requests and responses, and
// declared statuses) → forced scenarios (Prefer) → the operation's handler → one error handler.
// warmUpContract, once the server listens, compiles the validators ahead of the first callers.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { accessControl, callerOf } from './auth/access-control.js';
import { createTokenIssuer } from './auth/access-token.js';
import { ReplayGuard, type SeenRequestIds } from './auth/replay-guard.js';
import { today as processingDate } from './config.js';
import type { Organization } from './domain/model.js';
import { createAnswerCompleter } from './http/answer-completer.js';
import { success } from './http/envelope.js';
import { errorHandler } from './http/error-handler.js';
import { contractWarmUp, warmUpRoutes } from './http/contract-warm-up.js';
import { forcedScenarios } from './http/forced-scenarios.js';
import { ApiError } from './http/errors.js';
import { series } from './http/series.js';
import { sendJsonAsText } from './http/text-answers.js';
import { captureRawBody, parseBody, restoreExactNumbers } from './http/json-body.js';
import { captureAnswers, recordRequests, RequestJournal } from './http/request-journal.js';
import { operationRoutes } from './http/contract-routes.js';
import { listenOnAppServer } from './http/app-server.js';
import { exactPaths } from './http/exact-paths.js';
import { offContractAnswer, replaceOffContractAnswer } from './http/off-contract.js';
import { rateLimit } from './http/rate-limit.js';
import { retryStale } from './http/retry-stale.js';
import { SPEC_PATH, specDocument } from './http/spec-document.js';
import { answersDeclaredStatus, validationDocument } from './http/validation-contract.js';
import { createLogger, requestLogger, type Logger } from './logger.js';
import { Metrics } from './metrics.js';
import { corsFor } from './portal/cors.js';
import { docsRouter } from './portal/docs.js';
import { postmanFilesRouter } from './portal/postman-files.js';
import { handlers, PUBLIC_OPERATIONS, RAW_OPERATIONS, SEARCH_OPERATIONS, TENANT_ADMIN_OPERATIONS, TEXT_OPERATIONS, WRITE_OPERATIONS } from './operations/index.js';
import type { HandlerMap, OperationContext, OperationInput, TenantAdminContext, TextAnswer, TextContext, TokenContext } from './operations/types.js';
import { TenantDataError, type Store } from './store/store.js';
import { loadsRunning } from './store/tenant-loads.js';
import { indexBuildsRunning } from './store/tenant-state.js';
import type { Tenant } from './tenants.js';

export { SPEC_PATH };
const IMPORT_PATH = '/sandbox/import';
const ROUTED = Symbol('operation routed to');

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
  /** Requests each tenant's request journal keeps (default 200; 0 keeps none). */
  requestJournalSize?: number;
  /** Tests only: handlers used instead of the real ones of the same operations. */
  handlers?: Partial<HandlerMap>;
  /** What GET /metrics reports; pass the one the store's journal reports to. A fresh one by default. */
  metrics?: Metrics;
  /**
   * Where the request ids of signed requests are remembered, so a replay is refused: this process's
   * memory by default; a PostgresReplayGuard when several instances share one database.
   */
  seenRequestIds?: SeenRequestIds;
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
  const spec = specDocument();
  const completeAnswer = createAnswerCompleter(spec);
  const requestJournal = new RequestJournal(options.requestJournalSize ?? 200);
  const metrics = options.metrics ?? new Metrics();
  metrics.countTenants(() => options.store.openTenants ?? 0);
  metrics.countIndexBuilds(indexBuildsRunning);

  const organizationsOf = new Map(
    options.tenants.map((t) => [t.apikey, options.organizations.filter((o) => t.organizations.includes(o.organizationNumber))]),
  );

  /** What every operation of the tenant may see, made once per tenant rather than per request. */
  const adminContexts = new Map<Tenant, TenantAdminContext>();
  const adminContextOf = (tenant: Tenant): TenantAdminContext => {
    let admin = adminContexts.get(tenant);
    if (!admin) {
      admin = {
        tenant,
        knownOrganizations: options.organizations,
        resetTenant: () => options.store.reset(tenant.apikey),
        requests: requestJournal.forTenant(tenant.apikey),
        importTenant: (data) => options.store.replace(tenant.apikey, data),
      };
      adminContexts.set(tenant, admin);
    }
    return admin;
  };

  /** What a handler of this operation may see about the caller and its data. */
  async function contextFor(operationId: string, tenant: Tenant): Promise<Context> {
    if (RAW_OPERATIONS.has(operationId)) return { tenant, issueToken: () => issuer.issue(tenant.apikey, now()) };
    const admin = adminContextOf(tenant);
    if (TENANT_ADMIN_OPERATIONS.has(operationId)) return admin;
    const store = await loadTenant(options.store, tenant.apikey);
    // Other operations answer as soon as the records are in memory; these wait for the index too.
    if (SEARCH_OPERATIONS.has(operationId)) await store.whenSearchable();
    const realToday = today();
    // Named one by one: a literal of one shape costs less than spreading `admin` at every request.
    return {
      tenant: admin.tenant,
      knownOrganizations: admin.knownOrganizations,
      resetTenant: admin.resetTenant,
      importTenant: admin.importTenant,
      requests: admin.requests,
      store,
      organizations: organizationsOf.get(tenant.apikey) ?? options.organizations.filter((o) => tenant.organizations.includes(o.organizationNumber)),
      // The tenant's test clock, when set, is the business date of everything the handler dates.
      today: store.clock() ?? realToday,
      realToday,
    };
  }

  const app = express();
  // app.listen's server makes requests and answers with the app's prototypes (see app-server.ts).
  listenOnAppServer(app);
  app.disable('x-powered-by');
  // No ETag: every answer but the static files (which set their own) would pay a SHA-1 of its body
  // for a header that no operation's caller can use (POST answers are never revalidated).
  app.set('etag', false);
  sendJsonAsText(app);
  captureAnswers(app);
  app.set('query parser', 'simple');

  // The operation a request's method and path lead to, whether or not it gets that far; worked out
  // once per request, as the log line, the metrics and the journal all ask. Kept in the answer's
  // locals (Express makes them per request, a map with room for more keys): a property added to
  // the request itself cost more than working the route out.
  const routeOf = operationRoutes(spec);
  const operationOf = (req: IncomingMessage) => {
    const locals = (req as Request).res?.locals as Record<symbol, string | null> | undefined;
    const known = locals?.[ROUTED];
    if (known !== undefined) return known ?? undefined;
    const url = (req as Request).originalUrl;
    const query = url.indexOf('?');
    const operationId = routeOf(req.method ?? 'GET', query < 0 ? url : url.slice(0, query));
    if (locals) locals[ROUTED] = operationId ?? null;
    return operationId;
  };
  const apikeys = new Set(options.tenants.map((t) => t.apikey));
  const tenantOf = (req: IncomingMessage) => {
    const apikey = req.headers.apikey;
    return typeof apikey === 'string' && apikeys.has(apikey) ? apikey : undefined;
  };
  async function dispatch(req: Request, res: Response, next: NextFunction) {
    try {
      const openapi = (req as Request & { openapi?: { schema?: { operationId?: string }; pathParams?: Record<string, string> } }).openapi;
      const operationId = openapi?.schema?.operationId;
      const handler = operationId ? operationHandlers[operationId] : undefined;
      if (!operationId || !handler) throw new ApiError('ROUTE_NOT_FOUND');
      const input = { body: req.body, path: openapi?.pathParams ?? {}, query: req.query } as OperationInput<never>;
      if (TEXT_OPERATIONS.has(operationId)) {
        const textHandler = handler as unknown as (input: OperationInput<never>, ctx: TextContext) => Promise<TextAnswer>;
        const answer = await textHandler(input, { metrics });
        res.status(answer.status).type(answer.contentType).send(answer.text);
        return;
      }
      let result: Result;
      if (PUBLIC_OPERATIONS.has(operationId)) {
        result = await handler(input);
      } else {
        const tenant = callerOf(req);
        if (!tenant) throw new ApiError('UNKNOWN_APIKEY');
        const inTurnFirst = options.store.sharedWithOtherProcesses === true && WRITE_OPERATIONS.has(operationId);
        result = await retryStale(tenant.apikey, async () => handler(input, await contextFor(operationId, tenant)), { inTurnFirst });
      }
      res.status(result.status).json(RAW_OPERATIONS.has(operationId) ? result.body : success(completeAnswer(operationId, result.data)));
    } catch (err) {
      next(err);
    }
  }

  // The portal's routers see only their own paths (matched as Express does: case-insensitive,
  // trailing slash allowed), so an API call does not walk their routes.
  const docs = docsRouter();
  const postmanFiles = postmanFilesRouter();
  const under = (p: string, prefix: string) => p === prefix || p.startsWith(`${prefix}/`);
  const servePortal = (req: Request, res: Response, next: NextFunction) => {
    const p = req.path.toLowerCase();
    if ((req.method === 'GET' || req.method === 'HEAD') && (p === '/openapi.yaml' || p === '/openapi.yaml/')) {
      return res.type('application/yaml').sendFile(SPEC_PATH);
    }
    if (p === '/' || under(p, '/docs')) return docs(req, res, next);
    if (under(p, '/postman')) return postmanFiles(req, res, next);
    next();
  };
  // An import carries a whole tenant, so its route alone accepts a larger body.
  const bodyOf = (limit: string) => {
    const [read, keep] = captureRawBody(limit);
    return (req: Request, res: Response, next: NextFunction) => read(req, res, (err?: unknown) => (err ? next(err) : keep(req, res, next)));
  };
  const body = bodyOf(options.bodyLimit ?? '100kb');
  const importBody = bodyOf(options.importBodyLimit ?? '50mb');
  const validatorSteps = exactPaths(
    OpenApiValidator.middleware({
      // openapi.yaml made cheaper to compile, constraining just as much (see validation-contract.ts).
      apiSpec: validationDocument(),
      validateRequests: { allErrors: true },
      validateResponses: { allErrors: true, onError: replaceOffContractAnswer(logger) },
      // Access control above has already decided; the validator judges the request's content only.
      validateSecurity: false,
      // The contract declares no file uploads, so multer's layer would only check every request's type.
      fileUploader: false,
      // The contract is checked where it is written (npm test lints it with Redocly); checking it
      // again at every start would cost the first answer a few hundred milliseconds.
      validateApiSpec: false,
      // References stay references: dereferenced, the document the validator walks for every schema
      // it compiles would be several times larger.
      $refParser: { mode: 'bundle' },
    }),
    validationDocument(),
  );
  // Warm-up gives way while a tenant loads or builds its search index, which callers are waiting for.
  const warmUp = contractWarmUp(validatorSteps, operationOf, () => loadsRunning() > 0);
  // Prefer (forced answers, latency, faults) only once access and the request itself have passed.
  const forced = forcedScenarios(completeAnswer);

  app.use(
    series(
      // Ahead of everything, as its requests are the process's own.
      warmUp.step,
      // First of all, so that every answer (a refused preflight, an unknown route) carries
      // X-Request-Id and is logged and counted, under the operation its method and path lead to.
      requestLogger(logger, (req) => ({ tenant: tenantOf(req), operationId: operationOf(req) })),
      metrics.requestCounter(operationOf),
      corsFor(options.corsOrigins ?? []),
      servePortal,
      // Before anything can refuse the request, so refusals are in the journal too.
      recordRequests({ journal: requestJournal, tenants: options.tenants, operationOf, now }),
      (req, res, next) => (req.path === IMPORT_PATH ? importBody : body)(req, res, next),
      accessControl({ tenants: options.tenants, issuer, replay: options.seenRequestIds ?? new ReplayGuard(), now, relaxed: options.relaxedAuth ?? false }),
      rateLimit({ limit: options.rateLimitPerMinute ?? 6000, keyOf: (req) => callerOf(req)?.apikey, now }),
      parseBody(options.maxJsonDepth ?? 32),
      ...validatorSteps,
      // The validator is told of errors as one `default` answer; this holds each status to the contract.
      answersDeclaredStatus(operationOf, offContractAnswer(logger)),
      restoreExactNumbers,
      forced.apply,
      dispatch,
    ),
  );
  app.use(forced.completeForcedSuccess);
  app.use(errorHandler(logger));
  return Object.assign(app, {
    /** Compiles every operation's validators ahead of its first caller; call once the server listens. */
    warmUpContract: (server: Server) => warmUp.warmUp(server, warmUpRoutes(spec)),
  });
}
