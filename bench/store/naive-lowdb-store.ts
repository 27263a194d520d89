// The baseline the store benchmark compares against: lowdb used the plain way, one JSON file per
// tenant rewritten whole (JSONFile: stringify the tenant, write a temporary file, rename it) on
// every commit. It is how the sandbox stored tenants before the journal, and how json-server works.
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { TenantData } from '../../src/domain/model.js';
import { TenantState } from '../../src/store/tenant-state.js';
import type { ChangeSet, Store, TenantStore } from '../../src/store/store.js';

export class NaiveLowdbStore implements Store {
  private readonly tenants = new Map<string, Promise<TenantStore>>();

  constructor(private readonly dataDir: string) {}

  tenant(tenantId: string): Promise<TenantStore> {
    let loading = this.tenants.get(tenantId);
    if (!loading) this.tenants.set(tenantId, (loading = this.load(tenantId)));
    return loading;
  }

  reset(): Promise<TenantStore> {
    throw new Error('the baseline store only serves benchmarks');
  }

  replace(): Promise<TenantStore> {
    throw new Error('the baseline store only serves benchmarks');
  }

  async close(): Promise<void> {}

  private async load(tenantId: string): Promise<TenantStore> {
    const db = new Low<TenantData>(new JSONFile(path.join(this.dataDir, `${tenantId}.json`)), null as unknown as TenantData);
    await db.read();
    if (!db.data) throw new Error(`the baseline needs ${tenantId}.json prepared in ${this.dataDir}`);
    const state = new TenantState(db.data);
    const commit = async (change: ChangeSet) => {
      state.apply(change);
      await db.write();
    };
    // Every read is the state's own; only commit differs.
    return new Proxy(state, {
      get: (target, key) => {
        if (key === 'commit') return commit;
        if (key === 'exportData') return () => structuredClone(db.data);
        const value = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as unknown as TenantStore;
  }
}
