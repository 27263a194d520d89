// The embedded store: one lowdb JSON file per tenant under DATA_DIR, or memory only when no
// directory is given (tests). This is the only module that imports lowdb.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { Organization, TenantData } from '../domain/model.js';
import { buildTenantData, DATA_VERSION } from '../seed/build-tenant.js';
import type { Logger } from '../logger.js';
import { TenantState } from './tenant-state.js';
import { TenantDataError, type ChangeSet, type Store, type TenantStore } from './store.js';

export interface LowdbStoreOptions {
  /** Where tenant files live; undefined keeps every tenant in memory. */
  dataDir?: string;
  seed: number;
  organizations: Organization[];
  logger: Logger;
  today: () => string;
}

class LowdbTenant implements TenantStore {
  readonly state: TenantState;
  constructor(private readonly db: Low<TenantData>) {
    this.state = new TenantState(db.data);
  }
  customer = (n: string) => this.state.customer(n);
  account = (n: string) => this.state.account(n);
  card = (n: string) => this.state.card(n);
  relationship = (n: string) => this.state.relationship(n);
  accountsOf = (n: string) => this.state.accountsOf(n);
  cardsOf = (n: string) => this.state.cardsOf(n);
  relationshipsOf = (n: string) => this.state.relationshipsOf(n);
  accountsUnder = (n: string) => this.state.accountsUnder(n);
  findCustomers: TenantStore['findCustomers'] = (test) => this.state.findCustomers(test);
  reservation: TenantStore['reservation'] = (kind, n) => this.state.reservation(kind, n);
  isTaken: TenantStore['isTaken'] = (kind, n) => this.state.isTaken(kind, n);
  counters = () => this.state.counters();
  fixtures = () => this.state.fixtures();
  counts = () => this.state.counts();

  async commit(change: ChangeSet): Promise<void> {
    this.state.apply(change);
    await this.db.write();
  }

  flush = () => this.db.write();
}

export class LowdbStore implements Store {
  private readonly tenants = new Map<string, Promise<LowdbTenant>>();

  constructor(private readonly options: LowdbStoreOptions) {}

  tenant(tenantId: string): Promise<TenantStore> {
    let loading = this.tenants.get(tenantId);
    if (!loading) {
      loading = this.load(tenantId, false);
      this.tenants.set(tenantId, loading);
      // A tenant that failed to load is tried again on its next request.
      loading.catch(() => this.tenants.delete(tenantId));
    }
    return loading;
  }

  async reset(tenantId: string): Promise<TenantStore> {
    const loading = this.load(tenantId, true);
    this.tenants.set(tenantId, loading);
    return loading;
  }

  async close(): Promise<void> {
    const open = await Promise.allSettled(this.tenants.values());
    const flushed = await Promise.allSettled(open.map((t) => (t.status === 'fulfilled' ? t.value.flush() : undefined)));
    for (const f of flushed) {
      if (f.status === 'rejected') this.options.logger.error({ reason: String(f.reason) }, 'a tenant could not be written while closing');
    }
  }

  private fileOf(tenantId: string): string | undefined {
    const { dataDir } = this.options;
    return dataDir && path.join(dataDir, `${tenantId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }

  private seedData(): TenantData {
    return buildTenantData(this.options.seed, this.options.organizations, this.options.today());
  }

  private async load(tenantId: string, fresh: boolean): Promise<LowdbTenant> {
    const file = this.fileOf(tenantId);
    if (!file) return new LowdbTenant(new Low<TenantData>(new Memory(), this.seedData()));

    await mkdir(path.dirname(file), { recursive: true });
    const db = new Low<TenantData>(new JSONFile(file), null as unknown as TenantData);
    if (!fresh) {
      try {
        await db.read();
      } catch (err) {
        this.options.logger.error(
          { tenant: tenantId, file, reason: (err as Error).message },
          'tenant data file cannot be read; restore it from a backup, or POST /sandbox/reset to re-seed it',
        );
        throw new TenantDataError(`the data file ${path.basename(file)} cannot be read`);
      }
    }
    if (fresh || db.data == null) {
      db.data = this.seedData();
      await db.write();
      this.options.logger.info({ tenant: tenantId, file }, 'tenant seeded');
    } else if (db.data.dataVersion !== DATA_VERSION) {
      this.options.logger.error(
        { tenant: tenantId, file, found: db.data.dataVersion, expected: DATA_VERSION },
        'tenant data file has another data version; POST /sandbox/reset to re-seed it',
      );
      throw new TenantDataError(`the data file ${path.basename(file)} has data version ${db.data.dataVersion}, expected ${DATA_VERSION}`);
    }
    return new LowdbTenant(db);
  }
}
