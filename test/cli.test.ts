// `npx firstvision-sandbox` as a user runs it: the compiled command (npm run build, once), laid out
// as the Docker image holds it (dist/, the contract, fixtures/, postman/ and the dependencies, no
// src/), its --help, each bad configuration (exit 2, one line), the server it starts, and seed.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { ROOT, startSandboxProcess } from './helpers/processes.js';

const image = mkdtempSync(path.join(tmpdir(), 'sandbox-cli-'));
const CLI = path.join(image, 'dist', 'cli', 'main.js');
after(() => rmSync(image, { recursive: true, force: true }));

before(() => {
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  for (const part of ['dist', 'openapi.yaml', 'fixtures', 'postman', 'migrations', 'package.json']) cpSync(path.join(ROOT, part), path.join(image, part), { recursive: true });
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(image, 'node_modules'), 'dir');
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** The command with these arguments and variables (none of the sandbox's own unless given). */
async function run(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['PORT', 'HOST', 'DATA_DIR', 'LOG_LEVEL', 'SEED'].includes(k)));
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], { cwd: image, env: { ...clean, ...env }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout: string; stderr: string };
    return { code: e.code ?? -1, stdout: e.stdout, stderr: e.stderr };
  }
}

/** The README's configuration table: [flag or undefined, variable] per row. */
function readmeSettings(): [string | undefined, string][] {
  const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  return [...section.matchAll(/^\| (`--[a-z-]+`|none) \| `([A-Z_]+)` \|/gm)].map((m) => [m[1] === 'none' ? undefined : m[1].slice(1, -1), m[2]]);
}

describe('firstvision-sandbox --help', () => {
  it('when asked for help, then it lists every flag with its variable, as the README configuration table does, in the same order', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    assert.equal(code, 0, stderr);
    const options = stdout.slice(stdout.indexOf('Options:'), stdout.indexOf('\n\n', stdout.indexOf('Options:')));
    const listed = [...options.matchAll(/^ {2}(--[a-z-]+) \S+ +([A-Z_]+) /gm)].map((m) => [m[1], m[2]]);
    const envOnly = stdout.slice(stdout.indexOf('Environment only'), stdout.indexOf('\n\n', stdout.indexOf('Environment only')));
    const variablesOnly = [...envOnly.matchAll(/^ {2}([A-Z_]+) /gm)].map((m) => m[1]);

    const readme = readmeSettings();
    assert.ok(readme.length >= 15, 'the README table was read');
    assert.deepEqual(listed, readme.filter(([flag]) => flag).map(([flag, variable]) => [flag, variable]));
    assert.deepEqual(variablesOnly, readme.filter(([flag]) => !flag).map(([, variable]) => variable));
    assert.match(stdout, /firstvision-sandbox seed \[options\]/);
    assert.match(stdout, /--customers <n>/);
  });
});

describe('bad configuration', () => {
  const file = path.join(image, 'a-file');
  writeFileSync(file, 'not a directory');

  const cases: { args: string[]; env?: Record<string, string>; says: RegExp }[] = [
    { args: ['--port', 'abc'], says: /^firstvision-sandbox: PORT \(--port\) must be a port number from 0 to 65535, got "abc"$/ },
    { args: ['--port', '70000'], says: /PORT \(--port\) must be a port number/ },
    { args: [], env: { PORT: '-1' }, says: /PORT \(--port\) must be a port number/ },
    { args: ['--log-level', 'loud'], says: /^firstvision-sandbox: LOG_LEVEL \(--log-level\) must be one of silent, fatal, error, warn, info, debug, trace; got "loud"$/ },
    { args: [], env: { LOG_LEVEL: 'verbose' }, says: /LOG_LEVEL \(--log-level\) must be one of .*; got "verbose"/ },
    { args: ['--data-dir', file], says: /^firstvision-sandbox: DATA_DIR \(--data-dir\) ".*a-file" is not a directory the sandbox can write to \(EEXIST/ },
    { args: ['--data-dir', path.join(file, 'below')], says: /DATA_DIR \(--data-dir\) ".*below" is not a directory the sandbox can write to \(ENOTDIR/ },
    { args: ['--journal-fsync', 'maybe'], says: /JOURNAL_FSYNC \(--journal-fsync\) must be one of on, off; got "maybe"/ },
    { args: ['--max-open-tenants', '0'], says: /MAX_OPEN_TENANTS \(--max-open-tenants\) must be a positive integer, got "0"/ },
    { args: ['--database-url', 'mysql://root@127.0.0.1/test'], says: /^firstvision-sandbox: DATABASE_URL \(--database-url\) must be a PostgreSQL URL such as postgres:\/\/user@host:5432\/database$/ },
    // Port 1: nothing listens there, so the migrations at start cannot connect.
    { args: ['--database-url', 'postgres://postgres@127.0.0.1:1/test'], says: /^firstvision-sandbox: the database of DATABASE_URL \(--database-url\) cannot be prepared \(connect ECONNREFUSED 127\.0\.0\.1:1\)$/ },
    { args: ['--prot', '8080'], says: /^firstvision-sandbox: Unknown option '--prot' \(firstvision-sandbox --help lists the options\)$/ },
    { args: ['--port'], says: /Option '--port <value>' argument missing/ },
    { args: ['seed', '--customers', '0', '--data-dir', image], says: /^firstvision-sandbox seed: --customers must be a whole number from 1 to 1000000, got "0"$/ },
    { args: ['seed', '--customers', '5', '--data-dir', ''], says: /seed writes files: give a data directory/ },
  ];
  for (const { args, env, says } of cases) {
    it(`when started with ${[...Object.entries(env ?? {}).map(([k, v]) => `${k}=${v}`), ...args].join(' ')}, then it exits 2 with one line saying what is wrong`, async () => {
      const { code, stdout, stderr } = await run(args, { DATA_DIR: '', ...env });
      assert.equal(code, 2, stderr);
      assert.equal(stdout, '');
      assert.equal(stderr.split('\n').length, 2, `exactly one line: ${stderr}`);
      assert.match(stderr.trimEnd(), says);
    });
  }

  it('when the port is taken, then it exits 2 with one line naming the address', async () => {
    const taken = createServer().listen(0, '127.0.0.1');
    await once(taken, 'listening');
    const { port } = taken.address() as AddressInfo;
    try {
      const { code, stderr } = await run(['--port', String(port), '--host', '127.0.0.1', '--data-dir', '']);
      assert.equal(code, 2, stderr);
      assert.equal(stderr, `firstvision-sandbox: cannot listen on 127.0.0.1:${port} (EADDRINUSE); set another PORT (--port) or HOST (--host)\n`);
    } finally {
      taken.close();
    }
  });
});

describe('the compiled sandbox', () => {
  it('when started from dist/ with flags, then it answers /health, the docs, the contract, the Postman files and /metrics', async () => {
    const server = await startSandboxProcess({ DATA_DIR: path.join(image, 'unused') }, { entry: CLI, args: ['--port', '0', '--host', '127.0.0.1', '--data-dir', '', '--log-level', 'info'] });
    try {
      const health = await fetch(`${server.url}/health`);
      assert.deepEqual(await health.json(), { hasError: false, errors: [], data: { status: 'UP' } });
      assert.match(health.headers.get('x-request-id') ?? '', /^[A-Za-z0-9._-]{1,64}$/);
      for (const [url, type] of [
        ['/docs', /text\/html/],
        ['/docs/docs.js', /javascript/],
        ['/docs/swagger-ui-bundle.js', /javascript/],
        ['/openapi.yaml', /yaml/],
        ['/postman/collection.json', /json/],
        ['/metrics', /text\/plain/],
      ] as const) {
        const res = await fetch(server.url + url);
        assert.equal(res.status, 200, url);
        assert.match(res.headers.get('content-type') ?? '', type, url);
        await res.arrayBuffer();
      }
      assert.equal(existsSync(path.join(image, 'unused')), false, '--data-dir "" won over DATA_DIR: nothing was written');
    } finally {
      await server.stop();
    }
  });

  it('when asked to seed a tenant, then it writes the tenant file and says how many customers it holds', async () => {
    const dataDir = path.join(image, 'seeded');
    const { code, stdout, stderr } = await run(['seed', '--tenant', 'partner-apikey', '--customers', '5', '--data-dir', dataDir, '--seed', '7']);
    assert.equal(code, 0, stderr);
    const stored = JSON.parse(readFileSync(path.join(dataDir, 'partner-apikey.json'), 'utf8'));
    assert.match(stdout, new RegExp(`partner-apikey: ${stored.customers.length} customers, .* \\(seed 7\\) written to ${dataDir}`));
  });
});
