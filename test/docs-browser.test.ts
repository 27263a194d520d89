// /docs as a developer meets it: a sandbox process, headless Chromium, the token button, then
// demographicData sent with "Try it out". Every request the page makes is recorded, to show that
// it needs nothing but the sandbox (so it works with no internet). Needs /usr/bin/chromium
// (scripts/install-chromium.sh); leaves a screenshot in test-output/docs.png.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startSandboxProcess, type StartedProcess } from './helpers/processes.js';

const CHROMIUM = '/usr/bin/chromium';
const OUTPUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test-output');
const FIXTURE_CUSTOMER = '4597000000000000001';

// On a developer's machine without Chromium the browser test says so and steps aside; in CI, where
// .ci/run installs it, a missing browser must fail rather than pass unnoticed.
const missing = existsSync(CHROMIUM) ? false : `${CHROMIUM} is missing: run scripts/install-chromium.sh`;
if (missing && process.env.CI) throw new Error(missing);

describe('GET /docs in a browser', { skip: missing }, () => {
  let server: StartedProcess;
  let browser: Browser;
  let page: Page;
  const requested: string[] = [];
  const problems: string[] = [];

  before(async () => {
    // The shipped auth and rate limit, pinned so neither can come in from the caller's environment.
    server = await startSandboxProcess({ DATA_DIR: '', SANDBOX_AUTH: 'strict', RATE_LIMIT_PER_MINUTE: '6000' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('request', (r) => requested.push(r.url()));
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // A refused asset or a Content-Security-Policy violation shows up as a console error.
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  });

  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('when the token button is pressed and demographicData is tried out for the fixture customer, then the answer shows "hasError": false', async () => {
    await page.goto(`${server.url}/`);
    assert.equal(page.url(), `${server.url}/docs`, 'the root leads to the docs');

    const operation = page.locator('#operations-Customer_Management-inquireDemographicData');
    await operation.waitFor();
    assert.equal((await page.locator('.servers select').inputValue()), server.url, 'Try it out sends to the sandbox that served the page');

    await page.getByRole('button', { name: 'Get a token' }).click();
    const status = page.locator('#token-status.ok');
    await status.waitFor();
    assert.match(await status.innerText(), /Authorized as demo-apikey/);
    // The test data panel opens with the documented fixtures, read with the token just obtained.
    const testData = page.locator('#test-data-content');
    await testData.getByText('retail-multi-product').waitFor();
    assert.match(await testData.innerText(), new RegExp(FIXTURE_CUSTOMER));

    await operation.locator('.opblock-summary-control').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    assert.equal(await operation.locator('tr[data-param-name="X-ClientID"] input').inputValue(), '00970', 'X-ClientID is filled in');
    await operation
      .locator('textarea.body-param__text')
      .fill(JSON.stringify({ customerAccountCardNumber: FIXTURE_CUSTOMER, numberType: 1, organizationNumber: 970 }, null, 2));
    await operation.getByRole('button', { name: 'Execute' }).click();

    const answer = operation.locator('.live-responses-table .response');
    await answer.locator('.highlight-code pre').first().waitFor();
    assert.equal((await answer.locator('.response-col_status').innerText()).trim(), '200');
    const body = await answer.locator('.highlight-code pre').first().innerText();
    assert.match(body, /"hasError": false/);
    assert.match(body, new RegExp(`"customerNumber": "${FIXTURE_CUSTOMER}"`));

    mkdirSync(OUTPUT_DIR, { recursive: true });
    const bottom = await answer.evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'docs.png'), fullPage: true, clip: { x: 0, y: 0, width: 1280, height: Math.ceil(bottom) + 20 } });
    assert.deepEqual(problems, []);
  });

  it('then every request the page made went to the sandbox itself', () => {
    assert.ok(requested.some((url) => url.endsWith('/customer/demographicData')), 'the operation went out from the page');
    const elsewhere = requested.filter((url) => new URL(url).origin !== server.url);
    assert.deepEqual(elsewhere, []);
  });
});
