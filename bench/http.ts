// The sandbox over HTTP next to two peers measured in the same run on the same machine, each a
// fresh process: Prism 5.14 mocking the same openapi.yaml (its fastest documented configuration),
// and a ceiling, an Express 5 app that validates requests and answers against the contract like
// the sandbox but only replays the answers the sandbox gave at the start of the run; and, for
// comparison only, the same ceiling on the sandbox's own HTTP server (src/http/app-server.ts), so
// the report shows how much of the sandbox's lead over the ceiling that server makes. The load
// generator is autocannon in a process of its own; the servers take turns in short runs, so the
// host's changes of speed do not fall on one of them. Prints req/s, p50/p99 latency, non-2xx
// answers, CPU of the generator and of the server, memory and start-up, the ratios and the
// issue's targets, and writes the same to bench/RESULTS.md.
//
// Run: npm run bench:http. BENCH_SECONDS (default 8) sets each server's measured time per call,
// BENCH_ROUNDS (8) the turns it is split into, BENCH_WARMUP_SECONDS (1) the first turn's warm-up; BENCH_QUICK=1 (2 s runs) and BENCH_CALLS=lookup,add (some calls) are for trying things
// and leave bench/RESULTS.md alone. BENCH_SANDBOX=source measures src/ through tsx when the
// build is broken; BENCH_BUILD=0 measures dist/ as it is.
import { mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALLS, captureAnswer, DEMO, headersFor, LOOKUP_PREFIX, LOOKUP_SETUP_ADDS, PARTNER, prepareLookup, send, tokenFor, type Call } from './http/calls.js';
import type { CapturedAnswer } from './http/ceiling.js';
import { driveInTurns, type DriveResult } from './http/drive.js';
import { answersGet, cleanEnv, freePort, ROOT, rssMiB, sandboxEntry, startServer, type Server } from './http/processes.js';

const QUICK = process.env.BENCH_QUICK === '1';
const SECONDS = Number(process.env.BENCH_SECONDS ?? (QUICK ? 2 : 8));
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? (QUICK ? 0.5 : 1));
/** Each server's measuring is split into this many runs, taken in turns with the other servers (see driveInTurns). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? (QUICK ? 1 : 8));
const REWARM_SECONDS = 0.5;
const ONLY = process.env.BENCH_CALLS?.split(',').map((s) => s.trim());
const CONNECTIONS = [16, 50] as const;
const SERVERS = ['sandbox', 'Prism', 'ceiling', 'tuned ceiling'] as const;
type ServerName = (typeof SERVERS)[number];
/** The sandbox's one departure from its defaults: its rate limit (6 000 a minute per apikey) would answer 429 to a benchmark. */
const SANDBOX_RATE_LIMIT = '1000000000';

const TARGET = { vsPrism: 1.3, vsCeiling: 0.85, p99Ms: 50, addsPerSecond: 1000, rssMiB: 200, firstAnswerMs: 1000 };
/** A generator using this share of a core or more may have been the limit rather than the server. */
const GENERATOR_SATURATED = 0.9;

const calls = CALLS.filter((c) => !ONLY || ONLY.includes(c.name));
if (calls.length === 0) throw new Error(`BENCH_CALLS names no call; calls are ${CALLS.map((c) => c.name).join(', ')}`);
const partial = QUICK || ONLY !== undefined;

interface Row extends DriveResult {
  call: string;
  connections: number;
  server: ServerName;
}

const mark = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
const ms = (v: number) => (Number.isNaN(v) ? '–' : v < 10 ? v.toFixed(2) : v.toFixed(1));
const pct = (share: number) => `${Math.round(share * 100)}%`;
const perSecond = (r: DriveResult) => r.responses / r.seconds;
const okPerSecond = (r: Row) => r.ok / r.seconds;
const int = (v: number) => Math.round(v).toLocaleString('en-US');

function table(header: string[], rows: string[][]): string[] {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

async function main() {
  const started = new Date();
  const loadBefore = os.loadavg();
  const entry = sandboxEntry();
  const prismPackage = JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@stoplight/prism-cli/package.json'), 'utf8')) as { version: string };
  const work = mkdtempSync(path.join(os.tmpdir(), 'bench-http-'));
  const dataDir = path.join(work, 'data');
  const servers: Server[] = [];
  const notes: string[] = [];
  try {
    // The sandbox first, alone: its start-up, the tenants it loads, and the answers the ceiling replays.
    const sandboxPort = await freePort();
    const sandbox = await startServer({
      name: 'sandbox',
      args: entry.args,
      env: cleanEnv({ PORT: String(sandboxPort), HOST: '127.0.0.1', DATA_DIR: dataDir, RATE_LIMIT_PER_MINUTE: SANDBOX_RATE_LIMIT }),
      port: sandboxPort,
      logFile: path.join(work, 'sandbox.log'),
      probe: answersGet('/health'),
    });
    servers.push(sandbox);
    const demoHeaders = (call: Call, token: string) => headersFor(DEMO, token, call);
    let token = await tokenFor(sandbox.base, DEMO);
    const first = await send(sandbox.base, CALLS[0], demoHeaders(CALLS[0], token));
    if (first.status !== 200) throw new Error(`sandbox: first demographicData answered ${first.status}: ${first.text}`);
    const firstDataMs = performance.now() - sandbox.spawnedAt;
    const partnerToken = await tokenFor(sandbox.base, PARTNER);
    const partner = await send(sandbox.base, CALLS[0], headersFor(PARTNER, partnerToken, CALLS[0]));
    if (partner.status !== 200) throw new Error(`sandbox: demographicData as partner-apikey answered ${partner.status}: ${partner.text}`);
    const rssDemoTenants = rssMiB(sandbox.pid);

    await prepareLookup(sandbox.base, token);

    const answers: CapturedAnswer[] = [];
    for (const call of calls) {
      const { text, ...answer } = await captureAnswer(sandbox.base, call, demoHeaders(call, token));
      const body = answer.body;
      if (JSON.stringify(body) !== text) notes.push(`${call.name}: the sandbox's answer does not survive JSON.parse/stringify unchanged; the ceiling replays the parsed value`);
      answers.push(answer);
      if (call.name === 'lookup') {
        const found = (body as { data: { numberOfRecords: number } }).data.numberOfRecords;
        notes.push(`lookup "${LOOKUP_PREFIX}*" answers ${found} records (the seed has 4 such last names; the run adds ${LOOKUP_SETUP_ADDS} before measuring)`);
      }
    }
    const answersFile = path.join(work, 'answers.json');
    writeFileSync(answersFile, JSON.stringify(answers));

    // A real call as the peers' probe (Prism's /health is a mock too), one the ceiling has an answer
    // for (BENCH_CALLS may leave CALLS[0] out); Prism ignores the token's value.
    const probeCall = (base: string) => send(base, calls[0], demoHeaders(calls[0], token)).then((r) => r.status >= 200 && r.status <= 299);
    const prismPort = await freePort();
    const prism = await startServer({
      name: 'Prism',
      args: [realpathSync(path.join(ROOT, 'node_modules/.bin/prism')), 'mock', 'openapi.yaml', '-p', String(prismPort), '-h', '127.0.0.1', '-v', 'error'],
      env: cleanEnv(),
      port: prismPort,
      logFile: path.join(work, 'prism.log'),
      probe: probeCall,
    });
    servers.push(prism);
    const ceilingPort = await freePort();
    const ceiling = await startServer({
      name: 'ceiling',
      args: ['--import', 'tsx', 'bench/http/ceiling.ts'],
      env: cleanEnv({ PORT: String(ceilingPort), ANSWERS_FILE: answersFile }),
      port: ceilingPort,
      logFile: path.join(work, 'ceiling.log'),
      probe: probeCall,
    });
    servers.push(ceiling);
    const tunedPort = await freePort();
    const tunedCeiling = await startServer({
      name: 'tuned ceiling',
      args: ['--import', 'tsx', 'bench/http/ceiling.ts'],
      env: cleanEnv({ PORT: String(tunedPort), ANSWERS_FILE: answersFile, CEILING_SERVER: 'app-prototypes' }),
      port: tunedPort,
      logFile: path.join(work, 'tuned-ceiling.log'),
      probe: probeCall,
    });
    servers.push(tunedCeiling);
    const byName: Record<ServerName, Server> = { sandbox, Prism: prism, ceiling, 'tuned ceiling': tunedCeiling };

    console.log(
      `\n${calls.length} calls × ${CONNECTIONS.join(' and ')} connections × ${SERVERS.length} servers, ${SECONDS} s measured each in ${ROUNDS} turns (${WARMUP_SECONDS} s warm-up before the first, ${REWARM_SECONDS} s before the others)\n`,
    );
    const rows: Row[] = [];
    const contenders = SERVERS.map((name) => ({ name, pid: byName[name].pid, base: byName[name].base, exited: () => byName[name].exited() }));
    const line = (call: string, connections: number, name: string, r: DriveResult) =>
      `${call.padEnd(22)} ${String(connections).padStart(2)} conns ${name.padEnd(13)} ${int(perSecond(r)).padStart(6)} req/s  p50 ${ms(r.p50).padStart(6)}  p99 ${ms(r.p99).padStart(6)} ms  non-2xx ${r.non2xx + r.errors}  autocannon CPU ${pct(r.cpuShare)}  server CPU ${pct(r.serverCpuShare)}  others ${pct(r.otherCpuShare)}`;
    for (const call of calls) {
      token = await tokenFor(sandbox.base, DEMO); // tokens live 900 s; a fresh one per call outlives any run
      const request = { method: call.method, path: call.path, headers: demoHeaders(call, token), body: call.body, numbered: call.numbered };
      for (const connections of CONNECTIONS) {
        const results = await driveInTurns(contenders, { connections, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, requests: [request] }, { rounds: ROUNDS, rewarmSeconds: REWARM_SECONDS }, (name, round, r) =>
          console.log(`  turn ${round + 1}/${ROUNDS}: ${line(call.name, connections, name, r)}`),
        );
        for (const name of SERVERS) {
          const row: Row = { call: call.name, connections, server: name, ...results.get(name)! };
          rows.push(row);
          console.log(line(call.name, connections, name, row));
        }
      }
    }
    const rssAfter = Object.fromEntries(SERVERS.map((n) => [n, rssMiB(byName[n].pid)])) as Record<ServerName, number>;
    const dataBytes = readdirSync(dataDir).reduce((sum, f) => sum + statSync(path.join(dataDir, f)).size, 0);
    const logBytes = statSync(sandbox.logFile).size;

    report({ started, loadBefore, entry: entry.label, prismVersion: prismPackage.version, rows, byName, rssAfter, rssDemoTenants, firstDataMs, dataBytes, logBytes, notes });
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    rmSync(work, { recursive: true, force: true });
  }
}

interface ReportInput {
  started: Date;
  loadBefore: number[];
  entry: string;
  prismVersion: string;
  rows: Row[];
  byName: Record<ServerName, Server>;
  rssAfter: Record<ServerName, number>;
  rssDemoTenants: number;
  firstDataMs: number;
  dataBytes: number;
  logBytes: number;
  notes: string[];
}

function report(input: ReportInput) {
  const { rows, byName, rssAfter } = input;
  const find = (call: string, connections: number, server: ServerName) => rows.find((r) => r.call === call && r.connections === connections && r.server === server)!;
  const env = ['BENCH_SECONDS', 'BENCH_ROUNDS', 'BENCH_WARMUP_SECONDS', 'BENCH_QUICK', 'BENCH_CALLS', 'BENCH_SANDBOX', 'BENCH_BUILD'].filter((v) => process.env[v] !== undefined);
  const command = `${env.map((v) => `${v}=${process.env[v]}`).join(' ')} npm run bench:http`.trim();
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const lines: string[] = [
    '# HTTP benchmark: sandbox, Prism and the ceiling',
    '',
    `- Command: \`${command}\``,
    `- Date: ${input.started.toISOString()}`,
    `- Machine: ${os.availableParallelism()} cores (nproc; ${cpu}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.type()} ${os.release()}; load average ${input.loadBefore[0].toFixed(2)} before, ${os.loadavg()[0].toFixed(2)} after (the machine is shared)`,
    `- Load: autocannon 8 in its own process, one server at a time, at ${CONNECTIONS.join(' and ')} connections; the same requests (headers, bodies) to each server. Each server is measured ${SECONDS} s per call and connection count, in ${ROUNDS} runs of ${ms(SECONDS / ROUNDS)} s taken in turns with the other servers (order turning each round; ${WARMUP_SECONDS} s warm-up before the first run, ${REWARM_SECONDS} s before the others), and its runs are summed: a slow moment of the shared host falls on every server alike`,
    `- sandbox: \`${input.entry}\`, default configuration (log level info to a file, full auth with a bearer token from POST /token, request and response validation, DATA_DIR in a temp dir with fsync on) except RATE_LIMIT_PER_MINUTE=${SANDBOX_RATE_LIMIT} (the limiter still runs; its default 6 000/min would answer 429)`,
    `- Prism: @stoplight/prism-cli ${input.prismVersion}, \`prism mock openapi.yaml -h 127.0.0.1 -v error\` (static examples, single process)`,
    '- ceiling: bench/http/ceiling.ts, Express 5 + express.json() + express-openapi-validator (requests and responses, validateSecurity false) replaying the answer the sandbox gave to each call at the start of the run, listening as Express\'s app.listen does',
    '- tuned ceiling: the same app on the HTTP server the sandbox listens on (src/http/app-server.ts: requests and answers made with the app\'s prototypes, so Express does not set them per request); shown for comparison, no target',
    '- req/s counts every answer; p50/p99 are over the 2xx answers; non-2xx includes connection errors; CPU is a share of one core over the measured part (server: the process and its children; other: every other process on the machine, i.e. other people\'s work)',
    '',
    '## Every run',
    '',
    ...table(
      ['call', 'conns', 'server', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'autocannon CPU', 'server CPU', 'other CPU'],
      rows.map((r) => [r.call, String(r.connections), r.server, int(perSecond(r)), ms(r.p50), ms(r.p99), nonOk(r), pct(r.cpuShare), pct(r.serverCpuShare), pct(r.otherCpuShare)]),
    ),
    '',
    '## Ratios and latency targets',
    '',
    `req/s at 16 connections (sandbox/Prism ≥ ${TARGET.vsPrism.toFixed(2)}×, sandbox/ceiling ≥ ${TARGET.vsCeiling.toFixed(2)}×) and p99 at 50 connections (sandbox ≤ ${TARGET.p99Ms} ms):`,
    '',
  ];
  const callNames = [...new Set(rows.map((r) => r.call))];
  const verdicts: { vsPrism: boolean[]; vsCeiling: boolean[]; p99: boolean[] } = { vsPrism: [], vsCeiling: [], p99: [] };
  lines.push(
    ...table(
      ['call', 'sandbox/Prism @16', 'sandbox/ceiling @16', 'sandbox/tuned ceiling @16', 'p99 @50 sandbox', 'p99 @50 Prism', 'p99 @50 ceiling', 'p99 @50 tuned ceiling'],
      callNames.map((call) => {
        const [s, p, c, t] = SERVERS.map((n) => find(call, 16, n));
        const [s50, p50, c50, t50] = SERVERS.map((n) => find(call, 50, n));
        const vsPrism = perSecond(s) / perSecond(p);
        const vsCeiling = perSecond(s) / perSecond(c);
        verdicts.vsPrism.push(vsPrism >= TARGET.vsPrism);
        verdicts.vsCeiling.push(vsCeiling >= TARGET.vsCeiling);
        verdicts.p99.push(s50.p99 <= TARGET.p99Ms && s50.non2xx + s50.errors === 0);
        const flag = (...rs: Row[]) => (rs.some((r) => r.non2xx + r.errors > 0) ? ' (non-2xx answers!)' : '');
        return [
          call,
          `${vsPrism.toFixed(2)}× ${mark(vsPrism >= TARGET.vsPrism)}${flag(s, p)}`,
          `${vsCeiling.toFixed(2)}× ${mark(vsCeiling >= TARGET.vsCeiling)}${flag(s, c)}`,
          `${(perSecond(s) / perSecond(t)).toFixed(2)}×${flag(s, t)}`,
          `${ms(s50.p99)} ms ${mark(verdicts.p99.at(-1)!)}${flag(s50)}`,
          `${ms(p50.p99)} ms`,
          `${ms(c50.p99)} ms`,
          `${ms(t50.p99)} ms`,
        ];
      }),
    ),
    '',
    '## Servers',
    '',
    ...table(
      ['server', 'spawn → first 2xx', 'probed with', 'RSS after the run'],
      SERVERS.map((n) => [n, `${Math.round(byName[n].startMs)} ms`, n === 'sandbox' ? 'GET /health' : 'POST /customer/demographicData', `${rssAfter[n].toFixed(0)} MiB`]),
    ),
    '',
    `The sandbox's first data answer (spawn → POST /token → demographicData 200, loading the demo tenant) came ${Math.round(input.firstDataMs)} ms after spawn. Over the run it wrote ${(input.dataBytes / 2 ** 20).toFixed(1)} MiB of tenant files and ${(input.logBytes / 2 ** 20).toFixed(1)} MiB of log lines.`,
  );

  const add = rows.find((r) => r.call === 'add' && r.connections === 16 && r.server === 'sandbox');
  const addsPerSecond = add ? okPerSecond(add) : NaN;
  const count = (v: boolean[]) => `${v.filter(Boolean).length} of ${v.length} calls meet it,`;
  const failedCalls = (v: boolean[]) => (v.every(Boolean) ? '' : ` (short: ${callNames.filter((_, i) => !v[i]).join(', ')})`);
  const startMs = byName.sandbox.startMs;
  lines.push(
    '',
    '## Targets of the issue',
    '',
    `- sandbox ≥ ${TARGET.vsPrism}× Prism req/s at 16 connections: ${count(verdicts.vsPrism)} ${mark(verdicts.vsPrism.every(Boolean))}${failedCalls(verdicts.vsPrism)}`,
    `- sandbox ≥ ${TARGET.vsCeiling}× the ceiling's req/s at 16 connections: ${count(verdicts.vsCeiling)} ${mark(verdicts.vsCeiling.every(Boolean))}${failedCalls(verdicts.vsCeiling)}`,
    `- sandbox p99 ≤ ${TARGET.p99Ms} ms at 50 connections: ${count(verdicts.p99)} ${mark(verdicts.p99.every(Boolean))}${failedCalls(verdicts.p99)}`,
    add
      ? `- durable adds ≥ ${int(TARGET.addsPerSecond)}/s (add at 16 connections, 201s per second, journal fsync on): ${int(addsPerSecond)}/s ${mark(addsPerSecond >= TARGET.addsPerSecond)}`
      : '- durable adds: not measured (add not among BENCH_CALLS)',
    `- RSS ≤ ${TARGET.rssMiB} MiB with the demo tenants loaded (after a call as demo-apikey and as partner-apikey, before the load): ${input.rssDemoTenants.toFixed(0)} MiB ${mark(input.rssDemoTenants <= TARGET.rssMiB)} (after the run, with every customer it added: ${rssAfter.sandbox.toFixed(0)} MiB)`,
    `- first answer ≤ ${TARGET.firstAnswerMs / 1000} s after start (spawn → 200 on GET /health): ${Math.round(startMs)} ms ${mark(startMs <= TARGET.firstAnswerMs)}`,
  );

  const saturated = rows.filter((r) => r.cpuShare >= GENERATOR_SATURATED);
  const others = rows.reduce((sum, r) => sum + r.otherCpuShare, 0) / rows.length;
  const warnings = [
    ...(others > 0.2
      ? [`other processes used ${pct(others)} of a core on average during the runs (up to ${pct(Math.max(...rows.map((r) => r.otherCpuShare)))}): they competed with the servers and the generator for the ${os.availableParallelism()} cores, so the absolute figures are lower and noisier than on a quiet machine (the ratios less so: the servers take turns in short runs)`]
      : []),
    ...saturated.map((r) => `autocannon used ${pct(r.cpuShare)} of a core for ${r.call} at ${r.connections} connections against ${r.server}: the generator may have been the limit there, not the server`),
    ...rows.filter((r) => r.non2xx + r.errors > 0).map((r) => `${r.server} answered ${nonOk(r)} non-2xx for ${r.call} at ${r.connections} connections`),
  ];
  lines.push('', '## Notes', '', ...input.notes.map((n) => `- ${n}`), ...(warnings.length ? warnings.map((w) => `- WARNING: ${w}`) : ['- autocannon stayed below 90% of a core in every run, every answer was 2xx, and the machine was otherwise quiet']));

  const text = `${lines.join('\n')}\n`;
  console.log(`\n${text}`);
  if (partial) console.log('(a quick or partial run: bench/RESULTS.md left as it was)');
  else writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), text);
}

function nonOk(r: Row): string {
  const n = r.non2xx + r.errors;
  if (n === 0) return '0';
  const codes = Object.entries(r.statusCodes).filter(([code]) => !code.startsWith('2')).map(([code, k]) => `${k}×${code}`);
  if (r.errors) codes.push(`${r.errors} errors`);
  return `${n} (${codes.join(', ')})`;
}

await main();
