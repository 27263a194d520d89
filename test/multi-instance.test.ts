// Two sandbox processes (the compiled command, as `npm start` runs it) over one PostgreSQL schema:
// what one instance stores the other answers at once, numbers stay unique across them, concurrent
// updates lose nothing, a reset is seen by both, a signed request is admitted by one of them only,
// and a SIGKILL loses no acknowledged add.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { signRequest } from '../src/auth/request-signature.js';
import { MIGRATIONS_DIR } from '../src/store/postgres-migrate.js';
import { freshSchema, postgresCases, type TestSchema } from './helpers/postgres.js';
import { ROOT, runProcess, startSandboxProcess, type StartedProcess } from './helpers/processes.js';

const cases = await postgresCases();
const HEADERS = { apikey: 'demo-apikey', 'X-ClientID': '00970', 'Content-Type': 'application/json' };
const ORG = 970;

interface Answer {
  status: number;
  body: { hasError: boolean; errors: { code: string; description: string }[]; data: any };
}

async function call(server: StartedProcess, method: 'POST' | 'PUT', path: string, body: unknown): Promise<Answer> {
  const res = await fetch(`${server.url}${path}`, { method, headers: HEADERS, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Answer['body'] };
}

/** One signed request, as bytes that can be sent again unchanged to any instance. */
function signedRequest(path: string, body: unknown) {
  const text = JSON.stringify(body);
  const requestId = randomUUID();
  const timestamp = String(Date.now());
  const headers = { ...HEADERS, 'X-Client-Request-Id': requestId, Timestamp: timestamp, Signature: signRequest('demo-secret', 'demo-apikey', requestId, timestamp, text) };
  return async (server: StartedProcess): Promise<Answer> => {
    const res = await fetch(`${server.url}${path}`, { method: 'POST', headers, body: text });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
}

/** The first value of `name` anywhere in an answer. */
function fieldOf(value: unknown, name: string): unknown {
  if (!value || typeof value !== 'object') return undefined;
  if (name in value) return (value as Record<string, unknown>)[name];
  for (const v of Object.values(value)) {
    const found = fieldOf(v, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Relaxed auth (each process signs its own tokens) and no rate limit, so every call is the operation itself. */
async function startInstance(schema: TestSchema): Promise<StartedProcess> {
  return startSandboxProcess(
    { DATABASE_URL: schema.url, SANDBOX_AUTH: 'relaxed', RATE_LIMIT_PER_MINUTE: '1000000' },
    { entry: 'dist/cli/main.js', logLimit: 200_000 },
  );
}

const started: StartedProcess[] = [];
const schemas: TestSchema[] = [];
async function instances(count: number): Promise<{ schema: TestSchema; servers: StartedProcess[] }> {
  const schema = await freshSchema();
  schemas.push(schema);
  // Started together against an empty schema: their migrations wait for one another.
  const servers = await Promise.all(Array.from({ length: count }, () => startInstance(schema)));
  started.push(...servers);
  return { schema, servers };
}

const addCustomer = (server: StartedProcess, lastName: string, accountNumber?: string) =>
  call(server, 'POST', '/customer', {
    customerData: {
      ...(accountNumber ? { customerKeyData: { accountNumber } } : {}),
      ownerCoOwnerData: { ownerData: { lastName, firstName: 'ADA' } },
    },
  });
const demographicData = (server: StartedProcess, customerNumber: string) =>
  call(server, 'POST', '/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: ORG });
const generate = (server: StartedProcess) => call(server, 'POST', '/customer/generation', { dualIndicator: '1', logo: '401', organizationNumber: ORG });

describe('several sandbox instances over one PostgreSQL database', cases, () => {
  before(() => {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  });
  after(async () => {
    await Promise.all(started.map((s) => s.stop('SIGKILL')));
    for (const schema of schemas) await schema.drop();
  });

  describe('two instances, A and B', () => {
    let a: StartedProcess;
    let b: StartedProcess;
    let schema: TestSchema;
    before(async () => {
      ({ schema, servers: [a, b] } = await instances(2));
    });

    it('when both start together on an empty database, then each migration ran once', async () => {
      const { rows } = await schema.query<{ name: string }>('SELECT name FROM sandbox_migrations');
      const files = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).map((f) => f.replace(/\.sql$/, '')).sort();
      assert.deepEqual(rows.map((r) => r.name), files);
    });

    it('when a customer is added through A, then B answers it at once: by number, by its new surname and with its account', async () => {
      const reserved = await generate(a);
      assert.equal(reserved.status, 200, JSON.stringify(reserved.body));
      const accountNumber = reserved.body.data.accountData[0].accountNumber as string;
      const added = await addCustomer(a, 'QUOTHMULTI', accountNumber);
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const customerNumber = added.body.data.customerNumber as string;

      const read = await demographicData(b, customerNumber);
      assert.equal(read.status, 200, JSON.stringify(read.body));
      assert.equal(fieldOf(read.body.data, 'lastName'), 'QUOTHMULTI');
      const found = await call(b, 'POST', '/customer/lookup', { numberOfRecords: 10, primarySearchData: { lastBusinessName: 'quothmulti' } });
      assert.equal(found.status, 200, JSON.stringify(found.body));
      assert.deepEqual(found.body.data.customers.map((c: { customerNumber: string }) => c.customerNumber), [customerNumber]);
      const accounts = await call(b, 'POST', '/customer/accountNumber', { customerNumber, organizationNumber: ORG });
      assert.equal(accounts.status, 200, JSON.stringify(accounts.body));
      assert.deepEqual(JSON.stringify(accounts.body.data.acctTable).includes(accountNumber), true, JSON.stringify(accounts.body.data));
    });

    it('when adds run at once through both, then every customer, account and card number is unique and both answer every one', async () => {
      const perInstance = 8;
      const adds = [a, b].flatMap((server, s) =>
        Array.from({ length: perInstance }, async (_, i) => {
          const reserved = await generate(server);
          assert.equal(reserved.status, 200, JSON.stringify(reserved.body));
          const accountNumber = reserved.body.data.accountData[0].accountNumber as string;
          const added = await addCustomer(server, `CONCURRENT S${s} N${i}`, accountNumber);
          assert.equal(added.status, 201, JSON.stringify(added.body));
          return { customerNumber: added.body.data.customerNumber as string, accountNumber };
        }),
      );
      const results = await Promise.all(adds);
      const customers = results.map((r) => r.customerNumber);
      const accounts = results.map((r) => r.accountNumber);
      assert.equal(new Set(customers).size, customers.length, `customer numbers handed out twice: ${customers}`);
      assert.equal(new Set(accounts).size, accounts.length, `account numbers handed out twice: ${accounts}`);
      const cards: string[] = [];
      for (const { customerNumber, accountNumber } of results) {
        for (const server of [a, b]) {
          const read = await demographicData(server, customerNumber);
          assert.equal(read.status, 200, `${customerNumber} through ${server.url}: ${JSON.stringify(read.body)}`);
        }
        const details = await call(b, 'POST', '/customer/details-l8v4', { customerNumber, organizationNumber: ORG });
        assert.equal(details.status, 200, JSON.stringify(details.body));
        const card = fieldOf(details.body.data, 'cardNumber') as string;
        assert.ok(card, `a card for ${customerNumber} (${accountNumber}): ${JSON.stringify(details.body.data)}`);
        cards.push(card);
      }
      assert.equal(new Set(cards).size, cards.length, `card numbers handed out twice: ${cards}`);
    });

    it('when A and B update different fields of one customer at the same moment, round after round, then no update is lost', async () => {
      const added = await addCustomer(a, 'UPDATED TOGETHER');
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const customerNumber = added.body.data.customerNumber as string;
      const update = (server: StartedProcess, field: string, value: string) =>
        call(server, 'PUT', '/customer', { customerNumber, numberType: 1, organizationNumber: ORG, demographicDataIndicator: 1, [field]: value });
      for (let round = 1; round <= 15; round++) {
        const [fromA, fromB] = await Promise.all([update(a, 'mobilePhoneNumber', `555-100-${round}`), update(b, 'faxPhoneNumber', `555-200-${round}`)]);
        assert.equal(fromA.status, 200, JSON.stringify(fromA.body));
        assert.equal(fromB.status, 200, JSON.stringify(fromB.body));
        for (const server of [a, b]) {
          const read = await demographicData(server, customerNumber);
          assert.equal(fieldOf(read.body.data, 'mobilePhoneNumber'), `555-100-${round}`, `round ${round}, A's update, read through ${server.url}`);
          assert.equal(fieldOf(read.body.data, 'homeFaxPhoneNumber'), `555-200-${round}`, `round ${round}, B's update, read through ${server.url}`);
        }
      }
    });

    it('when numbers are generated through both at once, then none is handed out twice', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => generate(i % 2 ? a : b)));
      for (const answer of answers) assert.equal(answer.status, 200, JSON.stringify(answer.body));
      for (const kind of ['customerData', 'accountData', 'relationshipData']) {
        const numbers = answers.flatMap((x) => (x.body.data[kind] ?? []).map((d: Record<string, string>) => Object.values(d).find((v) => typeof v === 'string' && /^\d{10,}$/.test(v))));
        assert.equal(numbers.length, 20, `${kind}: ${JSON.stringify(answers[0].body.data)}`);
        assert.equal(new Set(numbers).size, numbers.length, `${kind} handed out twice: ${numbers}`);
      }
    });

    it('when a signed request admitted by A is sent again, byte for byte, to B, then B refuses it as a replay (425 SBX425R)', async () => {
      const send = signedRequest('/customer/generation', { dualIndicator: '1', logo: '401', organizationNumber: ORG });
      const first = await send(a);
      assert.equal(first.status, 200, JSON.stringify(first.body));
      const again = await send(b);
      assert.equal(again.status, 425, JSON.stringify(again.body));
      assert.equal(again.body.errors[0].code, 'SBX425R');
      assert.equal((await send(a)).status, 425, 'and A refuses it too');
    });

    it('when one signed request is sent to A and B at the same moment, round after round, then exactly one of them runs it', async () => {
      for (let round = 1; round <= 10; round++) {
        const send = signedRequest('/customer/generation', { dualIndicator: '1', logo: '401', organizationNumber: ORG });
        const answers = await Promise.all([send(a), send(b)]);
        const statuses = answers.map((x) => x.status).sort();
        assert.deepEqual(statuses, [200, 425], `round ${round}: ${JSON.stringify(answers.map((x) => x.body))}`);
        assert.equal(answers.find((x) => x.status === 425)!.body.errors[0].code, 'SBX425R');
      }
    });

    it('when the tenant is reset through A, then B answers the seed at its next request', async () => {
      const added = await addCustomer(b, 'BEFORE THE RESET');
      assert.equal(added.status, 201, JSON.stringify(added.body));
      const customerNumber = added.body.data.customerNumber as string;
      assert.equal((await demographicData(a, customerNumber)).status, 200);
      const reset = await call(a, 'POST', '/sandbox/reset', {});
      assert.equal(reset.status, 200, JSON.stringify(reset.body));
      const read = await demographicData(b, customerNumber);
      assert.equal(read.status, 404, JSON.stringify(read.body));
      assert.equal(read.body.errors[0].code, 'VPL5SGC04S');
      // And B writes on the new data, which A answers.
      const again = await addCustomer(b, 'AFTER THE RESET');
      assert.equal(again.status, 201, JSON.stringify(again.body));
      const readByA = await demographicData(a, again.body.data.customerNumber);
      assert.equal(fieldOf(readByA.body.data, 'lastName'), 'AFTER THE RESET');
    });
    it('when a tenant is seeded into the database by the seed command while both run, then both answer the seeded data at their next request', async () => {
      const seeded = await runProcess(process.execPath, ['dist/cli/main.js', 'seed', '--tenant', 'demo-apikey', '--customers', '300', '--seed', '11', '--database-url', schema.url]);
      assert.equal(seeded.code, 0, seeded.output);
      const customers = Number(/demo-apikey: (\d+) customers/.exec(seeded.output)![1]);
      assert.match(seeded.output, /written to the database/);
      for (const server of [a, b]) {
        const res = await fetch(`${server.url}/sandbox/export`, { headers: HEADERS });
        assert.equal(res.status, 200);
        const { data } = (await res.json()) as { data: { seed: number; customers: unknown[] } };
        assert.equal(data.seed, 11, `the seeded tenant through ${server.url}`);
        assert.equal(data.customers.length, customers);
      }
    });
  });

  describe('an instance killed mid-burst', () => {
    it('when one of two instances is killed with SIGKILL during a burst of adds alternating between them, then every add answered 201 is there, once, through the survivor and through a restarted instance', async () => {
      const { schema, servers: [doomed, survivor] } = await instances(2);
      const acknowledged = new Map<string, string>();
      let next = 0;
      let killAt: number | undefined;
      const CLIENTS = 8;
      const client = async () => {
        for (let round = 0; round < 25; round++) {
          const n = next++;
          const server = n % 2 ? doomed : survivor;
          const lastName = `KILLED BURST N${n}`;
          let answer: Answer;
          try {
            answer = await addCustomer(server, lastName);
          } catch {
            continue; // the killed instance: nothing acknowledged
          }
          if (answer.status !== 201) continue;
          acknowledged.set(answer.body.data.customerNumber, lastName);
          if (acknowledged.size === 30 && killAt === undefined) {
            killAt = n;
            void doomed.stop('SIGKILL');
          }
        }
      };
      await Promise.all(Array.from({ length: CLIENTS }, client));
      assert.ok(killAt !== undefined && acknowledged.size > 30, `the kill came mid-burst (${acknowledged.size} adds acknowledged)`);
      assert.notEqual((await doomed.exited).signal, null, 'the instance was killed');

      const restarted = await startInstance(schema);
      started.push(restarted);
      for (const server of [survivor, restarted]) {
        const missing: string[] = [];
        for (const [customerNumber, lastName] of acknowledged) {
          const read = await demographicData(server, customerNumber);
          if (read.status !== 200 || fieldOf(read.body.data, 'lastName') !== lastName) missing.push(`${customerNumber} ${lastName} (${read.status})`);
        }
        assert.deepEqual(missing, [], `acknowledged adds missing through ${server === survivor ? 'the survivor' : 'the restarted instance'}`);
      }
      const { rows: twice } = await schema.query(
        `SELECT record->'owner'->>'lastName' AS last_name, count(*) AS n FROM sandbox_records
         WHERE kind = 'customer' AND record->'owner'->>'lastName' LIKE 'KILLED BURST %' GROUP BY 1 HAVING count(*) > 1`,
      );
      assert.deepEqual(twice, [], 'no add was stored twice');
    });
  });
});
