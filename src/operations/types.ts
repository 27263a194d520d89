// Handler types derived from the generated contract, so a handler cannot accept or answer
// anything openapi.yaml does not describe.
import type { operations } from '../generated/openapi.js';
import type { Organization, TenantData } from '../domain/model.js';
import type { TenantRequests } from '../http/request-journal.js';
import type { Metrics } from '../metrics.js';
import type { TenantStore } from '../store/store.js';
import type { Tenant } from '../tenants.js';

export type OperationId = keyof operations;
/** Operations anyone may call: no tenant is involved. */
export type PublicOperationId = 'getHealth';
/** Operations that act on a tenant without reading its data, so they work even when it cannot be loaded. */
export type TenantAdminOperationId = 'resetSandbox' | 'importSandbox' | 'listSandboxRequests' | 'clearSandboxRequests';
/** Operations whose success answer is not the envelope (the OAuth token answer). */
export type RawOperationId = 'getToken';
/** Public operations that answer plain text rather than JSON (the Prometheus metrics). */
export type TextOperationId = 'getMetrics';

type JsonOf<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Success<K extends OperationId> = operations[K]['responses'] extends infer R
  ? R extends { 201: infer S } ? S : R extends { 200: infer S } ? S : never
  : never;

/** A request body in whichever media type the operation declares (JSON, or a form for the token call). */
type ContentOf<T> = T extends { content: infer C } ? C[keyof C] : never;
export type BodyOf<K extends OperationId> = operations[K]['requestBody'] extends infer R
  ? [R] extends [undefined] ? undefined : ContentOf<NonNullable<R>>
  : never;
export type RawBodyOf<K extends OperationId> = JsonOf<Success<K>>;
export type DataOf<K extends OperationId> = JsonOf<Success<K>> extends { data: infer D } ? D : never;
type ParamsOf<K extends OperationId, Where extends 'path' | 'query'> = operations[K]['parameters'][Where] extends infer P
  ? [P] extends [undefined] ? Record<string, never> : NonNullable<P>
  : never;

export interface OperationInput<K extends OperationId> {
  body: BodyOf<K>;
  path: ParamsOf<K, 'path'>;
  query: ParamsOf<K, 'query'>;
}

export interface TenantAdminContext {
  tenant: Tenant;
  /** Every organization the sandbox has: a tenant's seeded data spans all of them. */
  knownOrganizations: Organization[];
  resetTenant(): Promise<TenantStore>;
  /** Replaces the tenant's data, durably, or changes nothing. */
  importTenant(data: TenantData): Promise<TenantStore>;
  /** The tenant's request journal (memory only). */
  requests: TenantRequests;
}

export interface OperationContext extends TenantAdminContext {
  store: TenantStore;
  /** The organizations this tenant may use. */
  organizations: Organization[];
  /** The business date, YYYY-MM-DD: the tenant's test clock when set, otherwise the real date. */
  today: string;
  /** The real processing date, whatever the tenant's test clock says. */
  realToday: string;
}

/**
 * What a handler answers may leave out the fields it has nothing for: the envelope builder fills
 * every field the contract requires with its zero or blank, as the platform sends them.
 */
export type Answer<T> = T extends (infer I)[] ? Answer<I>[] : T extends object ? { [P in keyof T]?: Answer<T[P]> } : T;

export interface OperationResult<K extends OperationId> {
  status: 200 | 201;
  data: Answer<DataOf<K>>;
}

export type Handler<K extends OperationId> = (
  input: OperationInput<K>,
  ctx: OperationContext,
) => OperationResult<K> | Promise<OperationResult<K>>;

export type PublicHandler<K extends OperationId> = (input: OperationInput<K>) => OperationResult<K>;

export type TenantAdminHandler<K extends OperationId> = (input: OperationInput<K>, ctx: TenantAdminContext) => Promise<OperationResult<K>>;

export interface TokenContext {
  tenant: Tenant;
  issueToken(): Promise<{ token: string; expiresIn: number }>;
}

export type RawHandler<K extends OperationId> = (
  input: OperationInput<K>,
  ctx: TokenContext,
) => Promise<{ status: 200; body: RawBodyOf<K> }>;

export interface TextContext {
  metrics: Metrics;
}

export interface TextAnswer {
  status: 200;
  contentType: string;
  text: string;
}

export type TextHandler<K extends OperationId> = (input: OperationInput<K>, ctx: TextContext) => Promise<TextAnswer>;

export type HandlerMap = {
  [K in OperationId]: K extends PublicOperationId
    ? PublicHandler<K>
    : K extends TextOperationId
      ? TextHandler<K>
      : K extends TenantAdminOperationId
        ? TenantAdminHandler<K>
        : K extends RawOperationId
          ? RawHandler<K>
          : Handler<K>;
};
