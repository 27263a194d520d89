// The adapter that keeps nothing: tenants live only in the cache, for tests and throwaway runs.
import type { TenantData } from '../domain/model.js';
import type { OpenTenant, Persistence, TenantLog } from './persistence.js';
import { TenantState } from './tenant-state.js';

const NOTHING_TO_KEEP: TenantLog = {
  append: () => Promise.resolve(),
  close: () => Promise.resolve(),
};

export class MemoryPersistence implements Persistence {
  readonly durable = false;

  open(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  async create(_tenantId: string, data: TenantData): Promise<OpenTenant> {
    return { state: await TenantState.load(data), log: NOTHING_TO_KEEP };
  }
}
