// The request ids of signed requests kept in PostgreSQL, which several instances share: an id is
// admitted once however many calls (through however many guards) ask at the same moment, again once
// its window has passed, independently per apikey; expired rows are deleted now and then; a
// database that cannot be used refuses with 503 SBX503T rather than letting the request through.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { PostgresReplayGuard } from '../src/auth/postgres-replay-guard.js';
import { SIGNATURE_WINDOW_MS } from '../src/auth/request-signature.js';
import { ApiError } from '../src/http/errors.js';
import { migratedSchema, postgresCases, type TestSchema } from './helpers/postgres.js';

const silent = { info() {}, warn() {}, error() {} };
const T0 = Date.parse('2026-11-24T10:00:00Z');

describe('signed request ids in PostgreSQL', await postgresCases(), () => {
  let schema: TestSchema;
  const guards: PostgresReplayGuard[] = [];
  const guard = () => {
    const g = new PostgresReplayGuard({ databaseUrl: schema.url, logger: silent });
    guards.push(g);
    return g;
  };
  before(async () => {
    schema = await migratedSchema();
  });
  after(async () => {
    await Promise.all(guards.map((g) => g.close()));
    await schema?.drop();
  });

  it('when one id is asked for twenty times at once through two guards (two instances), then exactly one call admits it', async () => {
    const [a, b] = [guard(), guard()];
    const id = randomUUID();
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).admit('demo-apikey', id, T0)));
    assert.equal(answers.filter(Boolean).length, 1, JSON.stringify(answers));
    assert.equal(await a.admit('demo-apikey', id, T0 + 1000), false);
  });

  it('when the window has passed, then the id is admitted again, once', async () => {
    const g = guard();
    const id = randomUUID();
    assert.equal(await g.admit('demo-apikey', id, T0), true);
    assert.equal(await g.admit('demo-apikey', id, T0 + SIGNATURE_WINDOW_MS - 1), false);
    const later = await Promise.all([1, 2, 3].map(() => g.admit('demo-apikey', id, T0 + SIGNATURE_WINDOW_MS)));
    assert.deepEqual(later.filter(Boolean).length, 1, JSON.stringify(later));
    assert.equal(await g.admit('demo-apikey', id, T0 + SIGNATURE_WINDOW_MS + 1), false);
  });

  it('when another apikey uses the same id, then each apikey has its own', async () => {
    const g = guard();
    const id = randomUUID();
    assert.equal(await g.admit('demo-apikey', id, T0), true);
    assert.equal(await g.admit('partner-apikey', id, T0), true);
    assert.equal(await g.admit('partner-apikey', id, T0), false);
    assert.equal(await g.admit('demo-apikey', id, T0), false);
  });

  it('when an id is longer than an index entry may be, then it is kept all the same', async () => {
    const g = guard();
    const long = 'x'.repeat(10_000);
    assert.equal(await g.admit('demo-apikey', long, T0), true);
    assert.equal(await g.admit('demo-apikey', long, T0), false);
    assert.equal(await g.admit('demo-apikey', `${long}y`, T0), true);
  });

  it('when a minute has passed since the last deletion, then the next admission deletes the expired rows, and not on every request', async () => {
    const g = guard();
    const start = T0 + 3_600_000;
    const rows = async () => (await schema.query('SELECT request_id FROM sandbox_request_ids WHERE apikey = $1 ORDER BY 1', ['sweep-apikey'])).rows.map((r) => r.request_id as string);
    /** The rows once a deletion the last admission may have started has had time to run. */
    const rowsSettled = async (expected: string[]) => {
      for (let i = 0; i < 50 && JSON.stringify(await rows()) !== JSON.stringify(expected); i++) await new Promise((r) => setTimeout(r, 20));
      return rows();
    };
    await g.admit('sweep-apikey', 'a', start); // a guard's first admission deletes (none expired yet); the next is due a minute later
    await g.admit('sweep-apikey', 'b', start + SIGNATURE_WINDOW_MS - 30_000); // due: deletes, but a is not expired yet
    assert.deepEqual(await rowsSettled(['a', 'b']), ['a', 'b']);
    // a has expired, but under a minute has passed since the last deletion: it stays.
    await g.admit('sweep-apikey', 'c', start + SIGNATURE_WINDOW_MS + 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(await rows(), ['a', 'b', 'c']);
    // A minute after the last deletion: a goes; b and c are still in their window.
    await g.admit('sweep-apikey', 'd', start + SIGNATURE_WINDOW_MS + 30_000);
    assert.deepEqual(await rowsSettled(['b', 'c', 'd']), ['b', 'c', 'd']);
  });
});

describe('signed request ids when the database cannot be reached', () => {
  it('when an id is asked for, then it is refused with 503 SBX503T naming the database, not admitted', async () => {
    // Port 1: nothing listens there.
    const g = new PostgresReplayGuard({ databaseUrl: 'postgres://postgres@127.0.0.1:1/test', logger: silent });
    try {
      await assert.rejects(g.admit('demo-apikey', randomUUID(), T0), (err: unknown) => {
        assert.ok(err instanceof ApiError);
        assert.equal(err.template.code, 'SBX503T');
        assert.equal(err.template.status, 503);
        assert.match(err.message, /request ids .* database/);
        return true;
      });
    } finally {
      await g.close();
    }
  });
});
