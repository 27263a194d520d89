-- Up Migration
-- The tables of the PostgreSQL store (src/store/postgres-store.ts): the system of record that
-- several sandbox instances share. Identifiers are text: they run to 19 digits.

-- One row per tenant: what is not a record (seed, fixtures, counters, test clock), where its change
-- log stands (head_seq) and which generation of its data this is (epoch: a reset or an import
-- starts a new one, so a replica of the old one reloads whole).
CREATE TABLE sandbox_tenants (
  tenant_id    text PRIMARY KEY,
  data_version integer NOT NULL,
  epoch        integer NOT NULL DEFAULT 1,
  head_seq     bigint  NOT NULL DEFAULT 0,
  meta         json    NOT NULL,
  counters     jsonb   NOT NULL DEFAULT '{}',
  clock        text
);

-- Every customer, account, card, relationship and reservation as it is now. json rather than jsonb:
-- it keeps each record's text (and key order) exactly, and nothing queries inside a record.
-- position keeps the order records came in, so a reload gives the same order as the embedded store.
CREATE TABLE sandbox_records (
  tenant_id text   NOT NULL REFERENCES sandbox_tenants ON DELETE CASCADE,
  kind      text   NOT NULL,
  number    text   NOT NULL,
  position  bigint GENERATED ALWAYS AS IDENTITY,
  record    json   NOT NULL,
  PRIMARY KEY (tenant_id, kind, number)
);

-- The change sets committed since the last reset or import, in order: what a replica applies to
-- catch up without reloading the tenant.
CREATE TABLE sandbox_changes (
  tenant_id text   NOT NULL REFERENCES sandbox_tenants ON DELETE CASCADE,
  seq       bigint NOT NULL,
  change    json   NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

-- Down Migration
DROP TABLE sandbox_changes;
DROP TABLE sandbox_records;
DROP TABLE sandbox_tenants;
