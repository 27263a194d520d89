// How a tenant's data maps onto the PostgreSQL tables and back: one sandbox_records row per
// customer, account, card, relationship or reservation (its number as text, the record as JSON),
// and the rest (seed, fixtures, counters, clock) on the tenant's own row.
import type { Fixture, TenantData } from '../domain/model.js';
import type { ChangeSet } from './store.js';

export type RecordKind = 'customer' | 'account' | 'card' | 'relationship' | 'reservation';

export interface RecordRow {
  kind: RecordKind;
  number: string;
  record: unknown;
}

/** What sandbox_tenants.meta holds: the parts of a tenant that never change between resets. */
export interface TenantMeta {
  seed: number;
  fixtures: Fixture[];
}

/** sandbox_tenants as pg answers it (bigint comes back as text). */
export interface TenantRow {
  data_version: number;
  epoch: number;
  head_seq: string;
  meta: TenantMeta;
  counters: Record<string, number>;
  clock: string | null;
}

/** The tenant row's columns for `data`, in the order the insert takes them. */
export const tenantColumns = (data: TenantData) => [data.dataVersion, JSON.stringify({ seed: data.seed, fixtures: data.fixtures } satisfies TenantMeta), JSON.stringify(data.counters), data.clock ?? null];

/** A reservation's number is unique within its kind only, as in memory (TenantState keys it the same way). */
const reservationKey = (r: { kind: string; number: string }) => `${r.kind}:${r.number}`;

/**
 * The records a change set inserts or replaces, in the order memory applies them. A record that
 * appears twice keeps the position of the first and the value of the last, as memory does; one
 * statement may not touch a row twice.
 */
export function rowsOfChange(change: ChangeSet): RecordRow[] {
  const rows = new Map<string, RecordRow>();
  const add = (kind: RecordKind, number: string, record: unknown) => rows.set(`${kind} ${number}`, { kind, number, record });
  for (const c of change.customers ?? []) add('customer', c.customerNumber, c);
  for (const a of change.accounts ?? []) add('account', a.accountNumber, a);
  for (const c of change.cards ?? []) add('card', c.cardNumber, c);
  for (const r of change.relationships ?? []) add('relationship', r.relationshipNumber, r);
  for (const r of change.reservations ?? []) add('reservation', reservationKey(r), r);
  return [...rows.values()];
}

/** Every record of the tenant, each kind in its stored order. */
export const rowsOfData = (data: TenantData): RecordRow[] => rowsOfChange(data);

/** The tenant's data from its row, its record lists empty; `add` appends each record, read in position order, to its kind's list. */
export function tenantDataOf(tenant: TenantRow): { data: TenantData; add(kind: RecordKind, record: unknown): void } {
  const data: TenantData = {
    dataVersion: tenant.data_version,
    seed: tenant.meta.seed,
    customers: [],
    accounts: [],
    cards: [],
    relationships: [],
    reservations: [],
    counters: tenant.counters,
    fixtures: tenant.meta.fixtures,
  };
  if (tenant.clock !== null) data.clock = tenant.clock;
  const lists: Record<RecordKind, unknown[]> = {
    customer: data.customers,
    account: data.accounts,
    card: data.cards,
    relationship: data.relationships,
    reservation: data.reservations,
  };
  return { data, add: (kind, record) => lists[kind].push(record) };
}
