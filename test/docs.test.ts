// The interactive docs as HTTP sees them: reachable without credentials, built only from files the
// sandbox serves itself, and everything else under /docs still the API's 404 envelope.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import request from 'supertest';
import { expectError, startSandbox } from './helpers/sandbox.js';

const sandbox = startSandbox();

/** The src and href values in the page, the files a browser fetches to show it. */
const assetsOf = (html: string) => [...html.matchAll(/\s(?:src|href)="([^"#]+)"/g)].map((m) => m[1]);

describe('GET /docs', () => {
  it('when the root is opened, then it leads to /docs', async () => {
    const res = await request(sandbox.app).get('/');
    assert.equal(res.status, 302);
    assert.equal(res.headers.location, '/docs');
  });

  it('when /docs is opened without apikey or token, then the page answers, loading nothing from another origin', async () => {
    const res = await request(sandbox.app).get('/docs');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html/);
    assert.match(res.text, /POST \/token/);
    assert.match(res.text, /Get a token/);
    const assets = assetsOf(res.text);
    assert.ok(assets.includes('/docs/swagger-ui-bundle.js'), assets.join(', '));
    assert.deepEqual(assets.filter((a) => !a.startsWith('/')), [], 'every file the page loads is on the sandbox');
    assert.match(res.headers['content-security-policy'], /connect-src 'self'/);
  });

  it('when the files the page names are fetched, then each answers with its type', async () => {
    const page = await request(sandbox.app).get('/docs');
    const types: Record<string, RegExp> = { js: /javascript/, css: /text\/css/, png: /image\/png/ };
    for (const asset of assetsOf(page.text)) {
      const res = await request(sandbox.app).get(asset);
      assert.equal(res.status, 200, asset);
      assert.match(res.headers['content-type'], types[asset.split('.').pop()!], asset);
    }
  });

  it('when an asset the page does not use is asked for, then 404 SBX404R in the envelope', async () => {
    // swagger-ui-dist's own index page would load a petstore from the internet, so it is not served.
    for (const url of ['/docs/nothing-here.js', '/docs/index.html', '/docs/swagger-initializer.js', '/docs/a/b']) {
      const { req, check } = sandbox.raw('get', url);
      expectError(await req.then(check), 404, 'SBX404R');
    }
  });

  it('when the test data the page links to is asked for without a token, then it still needs one', async () => {
    const { req, check } = sandbox.raw('get', '/sandbox/fixtures');
    expectError(await req.set({ apikey: 'demo-apikey', 'X-ClientID': '00970' }).then(check), 401, 'SBX401T');
  });
});
