// GET and DELETE /sandbox/requests: the calling tenant's request journal, read and emptied.
import type { DataOf, TenantAdminHandler } from './types.js';

/** How many requests an answer lists when the caller does not say. */
const DEFAULT_LIMIT = 50;

export const listSandboxRequests: TenantAdminHandler<'listSandboxRequests'> = async ({ query }, ctx) => {
  const { kept, requests } = ctx.requests.list({ operationId: query.operationId, status: query.status, limit: query.limit ?? DEFAULT_LIMIT });
  // Bodies are free-form JSON in the contract; the journal's entries are that shape.
  return { status: 200, data: { capacity: ctx.requests.capacity, kept, requests: requests as DataOf<'listSandboxRequests'>['requests'] } };
};

export const clearSandboxRequests: TenantAdminHandler<'clearSandboxRequests'> = async (_input, ctx) => ({
  status: 200,
  data: { removed: ctx.requests.clear() },
});
