// JSON answers as callers read them: whole, their Content-Length counting UTF-8 bytes (accented
// names take two), and the same text in the request journal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { DEMO, expectOk, startSandbox } from './helpers/sandbox.js';
import { demographicByCustomer } from './helpers/seed-examples.js';

/** The answer's bytes as they came, undecoded. */
const rawBytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });

describe('JSON answers', () => {
  const sb = startSandbox();

  it('when an answer holds accented names, then it arrives whole, its Content-Length the UTF-8 byte count, and the journal shows the same names', async () => {
    const owner = { firstName: 'JOSÉ MARÍA', lastName: 'MUÑOZ PEÑALOZA', dateOfBirth: '1985-03-14', houseAddress1: 'AV CORRIENTES 1234', city: 'SAN ANDRÉS', state: 'CB', countryCode: 'ARG' };
    const added = expectOk(await sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: owner } } }), 201);
    const data = expectOk(await demographicByCustomer(sb, added.customerNumber, added.organizationNumber));
    assert.equal(data.nameAddrData[0].lastName, 'MUÑOZ PEÑALOZA');

    const token = await sb.tokenFor(DEMO.apikey);
    const raw = await rawBytes(
      request(sb.app)
        .post('/customer/demographicData')
        .set({ ...DEMO, Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' })
        .send(JSON.stringify({ customerAccountCardNumber: added.customerNumber, numberType: 1, organizationNumber: added.organizationNumber })),
    );
    const bytes = raw.body as Buffer;
    assert.equal(raw.status, 200);
    assert.equal(raw.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(Number(raw.headers['content-length']), bytes.length);
    assert.ok(bytes.length > bytes.toString('utf8').length, 'the body is longer in bytes than in characters');
    assert.ok(bytes.length > 1000, `a body Express would have made a Buffer of (${bytes.length} bytes)`);
    const text = bytes.toString('utf8');
    for (const name of ['JOSÉ MARÍA', 'MUÑOZ PEÑALOZA', 'SAN ANDRÉS']) assert.ok(text.includes(name), `${name} arrives as sent`);

    const journal = expectOk(await sb.get('/sandbox/requests?operationId=inquireDemographicData&limit=1'));
    assert.equal(journal.requests[0].answerBodyBytes, bytes.length);
    assert.match(JSON.stringify(journal.requests[0].answerBody), /MUÑOZ PEÑALOZA/);
  });

});
