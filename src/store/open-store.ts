// Chooses the storage adapter from the configuration and puts the tenant cache in front of it.
import type { Logger } from '../logger.js';
import { FilePersistence } from './file-persistence.js';
import { MemoryPersistence } from './memory-persistence.js';
import type { Migration } from './migrations.js';
import type { Seeder, Store } from './store.js';
import { TenantCache } from './tenant-cache.js';

export interface StoreOptions {
  /** Where tenant files live; undefined keeps every tenant in memory. */
  dataDir?: string;
  seeder: Seeder;
  logger: Logger;
  fsync?: boolean;
  idleMs?: number;
  maxOpenTenants?: number;
  compactRatio?: number;
  compactMinBytes?: number;
  migrations?: Readonly<Record<number, Migration>>;
  onJournalSync?: (seconds: number) => void;
}

export function openStore(options: StoreOptions): Store {
  const { dataDir, seeder, logger, idleMs, maxOpenTenants, migrations } = options;
  const persistence = dataDir ? new FilePersistence({ ...options, dataDir }) : new MemoryPersistence();
  return new TenantCache({ persistence, seeder, logger, idleMs, maxOpenTenants, migrations });
}
