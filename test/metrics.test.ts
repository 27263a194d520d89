// GET /metrics as a Prometheus scraper reads it: public, plain text, and counting what was asked.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { Metrics } from '../src/metrics.js';
import { expectError, expectOk, startSandbox } from './helpers/sandbox.js';

const dataDir = mkdtempSync(path.join(tmpdir(), 'sandbox-metrics-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** Sample lines as `name{labels}` → value, the way a scraper reads them. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    assert.ok(m, `a valid sample line: ${line}`);
    out.set(m[1], Number(m[2]));
  }
  return out;
}

const inquiry = (customer: string) => ({ customerAccountCardNumber: customer, numberType: 1, organizationNumber: 970 });

describe('GET /metrics', () => {
  it('when a few calls were answered, then the metrics, read without credentials, count them by operation and status', async () => {
    const sb = startSandbox({ metrics: new Metrics() });
    expectOk(await sb.get('/health', {}));
    expectOk(await sb.get('/health', {}));
    expectOk(await sb.post('/customer/demographicData', inquiry('4597000000000000001')));
    expectError(await sb.post('/customer/demographicData', inquiry('1')), 404, 'VPL5SGC04S');
    expectError(await sb.get('/sandbox/fixtures', { apikey: 'demo-apikey', 'X-ClientID': '00970', Authorization: 'Bearer forged' }), 401, 'SBX401X');

    const res = await sb.get('/metrics', {});
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain;/);
    assert.match(res.headers['content-type'], /version=0\.0\.4/, "Prometheus' text format version");
    const m = samples(res.text);
    assert.equal(m.get('http_requests_total{operation="getHealth",status="200"}'), 2);
    assert.equal(m.get('http_requests_total{operation="getToken",status="200"}'), 1);
    assert.equal(m.get('http_requests_total{operation="inquireDemographicData",status="200"}'), 1);
    assert.equal(m.get('http_requests_total{operation="inquireDemographicData",status="404"}'), 1);
    assert.equal(m.get('http_requests_total{operation="getSandboxFixtures",status="401"}'), 1, 'a refusal counts under the operation it was meant for');
    assert.equal(m.get('http_request_duration_seconds_count{operation="inquireDemographicData"}'), 2);
    assert.equal(m.get('http_request_duration_seconds_bucket{le="+Inf",operation="getHealth"}'), 2);
    assert.equal(m.get('sandbox_tenants_in_memory'), 1, 'the demo tenant was loaded');
    assert.ok(m.has('process_cpu_user_seconds_total') && m.has('nodejs_heap_size_used_bytes'), 'prom-client process metrics');

    // The scrape itself is counted by the next one.
    const again = samples((await sb.get('/metrics', {})).text);
    assert.equal(again.get('http_requests_total{operation="getMetrics",status="200"}'), 1);
  });

  it('when customers are added over a data directory, then the journal fsyncs show in their histogram', async () => {
    const sb = startSandbox({ metrics: new Metrics(), dataDir });
    const before = samples((await sb.get('/metrics', {})).text).get('sandbox_journal_fsync_seconds_count');
    assert.equal(before, 0);
    for (const lastName of ['FSYNC ONE', 'FSYNC TWO']) expectOk(await sb.post('/customer', { customerData: { ownerCoOwnerData: { ownerData: { lastName } } } }), 201);
    const m = samples((await sb.get('/metrics', {})).text);
    assert.ok(m.get('sandbox_journal_fsync_seconds_count')! >= 1, 'at least one fsync (adds may share one)');
    assert.ok(m.get('sandbox_journal_fsync_seconds_sum')! > 0);
  });

  it('when /metrics is called with another method, then 405 names GET', async () => {
    const sb = startSandbox();
    const call = sb.raw('post', '/metrics');
    const res = call.check(await call.req);
    expectError(res, 405, 'SBX405M');
    assert.equal(res.headers.allow, 'GET');
  });
});
