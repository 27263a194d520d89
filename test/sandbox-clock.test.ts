// PUT and DELETE /sandbox/clock: a tenant moves its business date to test what depends on the day.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { DEMO, PARTNER, TODAY, expectError, expectOk, startSandbox } from './helpers/sandbox.js';

type Sandbox = ReturnType<typeof startSandbox>;

const CLOCK = '2031-05-17';
const dirs: string[] = [];
after(() => dirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

const setClock = async (sb: Sandbox, date: string, headers = DEMO) => expectOk(await sb.put('/sandbox/clock', { date }, headers));
const businessDate = async (sb: Sandbox, headers = DEMO) => {
  const { businessDate, clockSet } = expectOk(await sb.get('/sandbox/fixtures', headers));
  return { businessDate, clockSet };
};
const addCustomer = (sb: Sandbox, owner: Record<string, unknown>, headers = DEMO, customerKeyData: Record<string, unknown> = {}) =>
  sb.post('/customer', { customerData: { customerKeyData, ownerCoOwnerData: { ownerData: owner } } }, headers);
const demographic = async (sb: Sandbox, customerNumber: string) =>
  expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: customerNumber, numberType: 1, organizationNumber: 970 }));

describe('PUT /sandbox/clock', () => {
  it('when the clock is set, then a customer added that day carries it as its maintenance date, and its new account opens with a card expiring four years on', async () => {
    const sb = startSandbox();
    assert.deepEqual(await setClock(sb, CLOCK), { businessDate: CLOCK, clockSet: true });
    const added = expectOk(await addCustomer(sb, { firstName: 'ELENA', lastName: 'RELOJ' }, DEMO, { accountNumber: '8970401999999999' }), 201);

    assert.equal((await demographic(sb, added.customerNumber)).dateLastMaintenance, CLOCK);
    const cards = expectOk(await sb.post('/customer/details-l8v4', { customerNumber: added.customerNumber, organizationNumber: 970 }));
    assert.deepEqual(cards.accountTable.map((c: any) => [c.accountNumber, c.cardExpireDate]), [['8970401999999999', '2035-05-31']]);
  });

  it("when a customer moves under the clock, then the old address became prior on the clock's date", async () => {
    const sb = startSandbox();
    const { fixtures } = expectOk(await sb.get('/sandbox/fixtures'));
    const { customerNumber } = fixtures.find((f: any) => f.name === 'retail-multi-product');
    await setClock(sb, CLOCK);
    expectOk(
      await sb.put('/customer', {
        customerNumber, numberType: 1, organizationNumber: 970, demographicDataIndicator: 1,
        houseAddress1: 'AV CORRIENTES 1234', city: 'CORDOBA', state: 'CB',
      }),
    );

    const moved = expectOk(await sb.get(`/customer/${customerNumber}/current-prior-address?organizationNumber=970`));
    assert.equal(moved.customerData.priorMailerData.priorMailer[0].pmDate, CLOCK);
    const after = await demographic(sb, customerNumber);
    assert.deepEqual([after.dateLastMaintenance, after.dateLastAddressChange], [CLOCK, CLOCK]);
  });

  it('when the clock is set before a date of birth, then that birth date is refused with VPL5SGC53E, and accepted again once the clock is removed', async () => {
    const sb = startSandbox();
    const owner = { firstName: 'TOMAS', lastName: 'ANTES', dateOfBirth: '2023-06-01' };
    await setClock(sb, '2020-01-01');
    expectError(await addCustomer(sb, owner), 400, 'VPL5SGC53E');

    expectOk(await sb.delete('/sandbox/clock'));
    expectOk(await addCustomer(sb, owner), 201);
  });

  it('when the clock is set, then the fixtures show that business date, and reservations are dated on it', async () => {
    const sb = startSandbox();
    assert.deepEqual(await businessDate(sb), { businessDate: TODAY, clockSet: false });
    await setClock(sb, CLOCK);
    assert.deepEqual(await businessDate(sb), { businessDate: CLOCK, clockSet: true });

    const reserved = expectOk(await sb.post('/customer/generation', { dualIndicator: '1', logo: '401', organizationNumber: 970 }));
    const { reservations } = expectOk(await sb.get('/sandbox/export'));
    const customerNumber = reserved.customerData[0].customerNumber;
    assert.equal(reservations.find((r: any) => r.number === customerNumber).reservedOn, CLOCK);
  });

  it("when one tenant sets its clock, then the other tenant keeps the real date", async () => {
    const sb = startSandbox();
    await setClock(sb, CLOCK, DEMO);
    assert.deepEqual(await businessDate(sb, PARTNER), { businessDate: TODAY, clockSet: false });
    const added = expectOk(await addCustomer(sb, { lastName: 'HOY' }, PARTNER), 201);
    const read = expectOk(await sb.post('/customer/demographicData', { customerAccountCardNumber: added.customerNumber, numberType: 1, organizationNumber: 970 }, PARTNER));
    assert.equal(read.dateLastMaintenance, TODAY);
  });

  for (const [date, code] of [
    ['2031-02-30', 'SBX400T'],
    ['2031-13-01', 'SBX400T'],
    ['2030-02-29', 'SBX400T'],
    ['17/05/2031', 'SBX400T'],
    ['1899-12-31', 'SBX400T'],
    ['3000-01-01', 'SBX400T'],
  ]) {
    it(`when the date is ${date}, then 400 ${code} and the business date does not move`, async () => {
      const sb = startSandbox();
      expectError(await sb.put('/sandbox/clock', { date }), 400, code);
      assert.deepEqual(await businessDate(sb), { businessDate: TODAY, clockSet: false });
    });
  }

  it('when the body has no date, then 400 SBX400V', async () => {
    const sb = startSandbox();
    expectError(await sb.put('/sandbox/clock', {}), 400, 'SBX400V');
  });

  it('when the date is a leap day, then it is taken', async () => {
    const sb = startSandbox();
    assert.deepEqual(await setClock(sb, '2032-02-29'), { businessDate: '2032-02-29', clockSet: true });
  });
});

describe('DELETE /sandbox/clock', () => {
  it('when the clock is removed, then the real date comes back for new changes', async () => {
    const sb = startSandbox();
    await setClock(sb, CLOCK);
    assert.deepEqual(expectOk(await sb.delete('/sandbox/clock')), { businessDate: TODAY, clockSet: false });
    assert.deepEqual(await businessDate(sb), { businessDate: TODAY, clockSet: false });
    const added = expectOk(await addCustomer(sb, { lastName: 'DEVUELTA' }), 201);
    assert.equal((await demographic(sb, added.customerNumber)).dateLastMaintenance, TODAY);
    // Removing a clock that is not set changes nothing.
    assert.deepEqual(expectOk(await sb.delete('/sandbox/clock')), { businessDate: TODAY, clockSet: false });
  });
});

describe('the clock as tenant data', () => {
  it('when the sandbox restarts over the same data directory, then the clock is still set; once removed, it stays removed', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-clock-'));
    dirs.push(dataDir);
    const first = startSandbox({ dataDir });
    await setClock(first, CLOCK);
    // As after a killed process: the clock is only in the tenant's journal, not yet in its snapshot.
    assert.deepEqual(await businessDate(startSandbox({ dataDir })), { businessDate: CLOCK, clockSet: true });
    await first.store.close();

    const second = startSandbox({ dataDir });
    assert.deepEqual(await businessDate(second), { businessDate: CLOCK, clockSet: true });
    expectOk(await second.delete('/sandbox/clock'));
    await second.store.close();

    const third = startSandbox({ dataDir });
    assert.deepEqual(await businessDate(third), { businessDate: TODAY, clockSet: false });
    await third.store.close();
  });

  it('when the tenant is reset, then the clock is gone', async () => {
    const sb = startSandbox();
    await setClock(sb, CLOCK);
    expectOk(await sb.post('/sandbox/reset'));
    assert.deepEqual(await businessDate(sb), { businessDate: TODAY, clockSet: false });
  });

  it('when the tenant is exported with its clock and imported elsewhere, then the clock comes along; an export without one imports on the real date', async () => {
    const sb = startSandbox();
    await setClock(sb, CLOCK);
    const exported = expectOk(await sb.get('/sandbox/export'));
    assert.equal(exported.clock, CLOCK);

    expectOk(await sb.post('/sandbox/import', exported, PARTNER));
    assert.deepEqual(await businessDate(sb, PARTNER), { businessDate: CLOCK, clockSet: true });

    const { clock: _clock, ...withoutClock } = exported;
    expectOk(await sb.post('/sandbox/import', withoutClock, PARTNER));
    assert.deepEqual(await businessDate(sb, PARTNER), { businessDate: TODAY, clockSet: false });
  });

  it('when an import carries a clock that is not a calendar date, then 400 SBX400I and nothing changes', async () => {
    const sb = startSandbox();
    const exported = expectOk(await sb.get('/sandbox/export'));
    expectError(await sb.post('/sandbox/import', { ...exported, clock: '2031-02-30' }), 400, 'SBX400I');
    assert.deepEqual(await businessDate(sb), { businessDate: TODAY, clockSet: false });
  });
});
