// Chooses the storage adapter from the configuration: PostgreSQL when a database URL is given (it
// keeps its own replicas), otherwise the tenant cache in front of the files or of memory alone.
import type { Logger } from '../logger.js';
import { FilePersistence } from './file-persistence.js';
import { MemoryPersistence } from './memory-persistence.js';
import { PostgresStore } from './postgres-store.js';
import type { Migration } from './migrations.js';
import type { Seeder, Store } from './store.js';
import { TenantCache } from './tenant-cache.js';

export interface StoreOptions {
  /** A PostgreSQL connection URL: the database keeps every tenant and several instances share it (dataDir is then unused). */
  databaseUrl?: string;
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
  const { databaseUrl, dataDir, seeder, logger, idleMs, maxOpenTenants, migrations } = options;
  if (databaseUrl) return new PostgresStore({ databaseUrl, seeder, logger, idleMs, maxOpenTenants, migrations });
  const persistence = dataDir ? new FilePersistence({ ...options, dataDir }) : new MemoryPersistence();
  return new TenantCache({ persistence, seeder, logger, idleMs, maxOpenTenants, migrations });
}
