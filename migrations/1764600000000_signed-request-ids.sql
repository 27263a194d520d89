-- Up Migration
-- The request ids of signed requests admitted within the signature window (src/auth/postgres-replay-guard.ts),
-- shared by every instance, so a signed request replayed to another instance is refused too. A row
-- whose expires_at has passed counts as absent: the next request with its id takes it over. Expired
-- rows are deleted now and then by a scan; the table holds about five minutes of signed requests, so
-- no index on expires_at is worth its cost on every insert.
CREATE TABLE sandbox_request_ids (
  apikey     text        NOT NULL,
  request_id text        NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (apikey, request_id)
);

-- Down Migration
DROP TABLE sandbox_request_ids;
