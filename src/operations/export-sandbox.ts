// GET /sandbox/export: everything the calling tenant holds, in the shape /sandbox/import takes back.
import type { DataOf, Handler } from './types.js';

export const exportSandbox: Handler<'exportSandbox'> = (_input, ctx) => ({
  status: 200,
  // The stored records are the export schema's shapes (openapi.yaml's Stored* schemas).
  data: ctx.store.exportData() as unknown as DataOf<'exportSandbox'>,
});
