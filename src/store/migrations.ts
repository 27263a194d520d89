// Brings tenant data written by an older data version up to the current one, one step at a time,
// or says clearly why it cannot.
import type { TenantData } from '../domain/model.js';
import { DATA_VERSION } from '../domain/tenant-data.js';

/** Turns data of version v into data of version v + 1. */
export type Migration = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[v] upgrades version v. None yet: version 1 is the first stored shape. Its optional
 * `clock` came later without a new version, because data without it means "no clock" as it stands.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export type MigrationResult = { data: TenantData; from?: number } | { refused: string };

export function migrateTenantData(data: Record<string, unknown>, migrations: Readonly<Record<number, Migration>> = MIGRATIONS, target = DATA_VERSION): MigrationResult {
  const found = data.dataVersion;
  if (typeof found !== 'number' || !Number.isInteger(found)) return { refused: 'has no dataVersion' };
  if (found === target) return { data: data as unknown as TenantData };
  if (found > target) return { refused: `was written by a newer sandbox (data version ${found}; this one reads up to ${target})` };
  let current = data;
  for (let version = found; version < target; version++) {
    const step = migrations[version];
    if (!step) return { refused: `has data version ${found}, and no migration leads from version ${version} to ${target}` };
    current = { ...step(current), dataVersion: version + 1 };
  }
  return { data: current as unknown as TenantData, from: found };
}
