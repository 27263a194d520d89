// Where the sandbox spends its CPU under load, by function, by package and by pipeline stage. `npm run bench:profile` starts the sandbox as
// `npm start` runs it (default configuration, as in bench/http.ts) under `node --cpu-prof`, drives
// demographicData and lookup in turn at 16 connections for BENCH_SECONDS (8) with autocannon in
// its own process, stops it with SIGINT so the profile is written, and prints the functions with
// the most self time and the packages (or sandbox folders) they belong to.
// `npm run bench:profile -- some.cpuprofile [from-s [to-s]]` (or a folder: its newest profile) only
// summarizes, the whole profile or the seconds after start given.
// BENCH_PROFILE_DIR (default /tmp/prof) keeps the profiles; BENCH_PROFILE_TOP (15) sets the length;
// BENCH_CALLS=add,details-l8v4 profiles other calls of bench/http/calls.ts. BENCH_PROFILE_SERVER=ceiling
// profiles the ceiling of bench/http.ts instead (replaying the answers the sandbox gave), so the two
// breakdowns can be set side by side.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CALLS, captureAnswer, DEMO, headersFor, prepareLookup, send, tokenFor } from '../http/calls.js';
import { drive } from '../http/drive.js';
import { answersGet, cleanEnv, freePort, ROOT, sandboxEntry, startServer } from '../http/processes.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  /** Microseconds between a sample and the one before it. */
  timeDeltas: number[];
}

const TOP = Number(process.env.BENCH_PROFILE_TOP ?? 15);
const PROFILED_CALLS = (process.env.BENCH_CALLS ?? 'demographicData,lookup').split(',').map((s) => s.trim());
const PROFILED_SERVER = process.env.BENCH_PROFILE_SERVER ?? 'sandbox';
if (PROFILED_SERVER !== 'sandbox' && PROFILED_SERVER !== 'ceiling') throw new Error(`BENCH_PROFILE_SERVER is sandbox or ceiling, not ${PROFILED_SERVER}`);

function shortUrl(url: string): string {
  return url.replace(`file://${ROOT}/`, '').replace(/^.*\/node_modules\//, 'node_modules/');
}

/** The package or the sandbox folder a function lives in. */
function areaOf(frame: CallFrame): string {
  const url = shortUrl(frame.url);
  if (!url) {
    if (frame.functionName.startsWith('(')) return frame.functionName; // (garbage collector), (program), (idle)
    // Code compiled at run time (ajv's validators) or native bindings (writev, writeString).
    return /^validate\d*$/.test(frame.functionName) ? 'ajv (generated validators)' : 'native bindings';
  }
  if (url.startsWith('node:')) return url.replace(/^(node:(?:internal\/)?[^/]+).*$/, '$1');
  const pkg = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const own = /^(dist|src)\/([^/]+\/)?/.exec(url);
  if (own) return `sandbox ${own[2] ? own[0] : url}`;
  return url;
}

/**
 * The stage of the request pipeline a frame's code belongs to, by where it lives. A sample counts
 * for the innermost frame of its stack that belongs to a stage (so Node's socket writes under the
 * validator's response hook count as HTTP, the ajv code under it as validation).
 */
const STAGES: [RegExp, string][] = [
  [/\/sonic-boom\/|\/pino(-http)?\/|\/@pinojs\/|\/pino-std-serializers\/|(dist|src)\/logger\./, 'logging (pino, one line per answer)'],
  [/\/prom-client\/|(dist|src)\/metrics\./, 'metrics (prom-client)'],
  [/\/cors\/|(dist|src)\/portal\//, 'CORS and portal routing'],
  [/(dist|src)\/http\/request-journal\./, 'request journal'],
  [/\/raw-body\/|\/body-parser\/|(dist|src)\/http\/json-body\./, 'body reading and parsing'],
  [/(dist|src)\/auth\/|\/jose\//, 'access control (token, signature, X-ClientID)'],
  [/(dist|src)\/http\/rate-limit\./, 'rate limit'],
  [/\/express-openapi-validator\/|\/ajv\/|\/ajv-formats\//, 'contract validation (express-openapi-validator, ajv)'],
  [/(dist|src)\/http\/forced-scenarios\./, 'forced scenarios (Prefer)'],
  [/(dist|src)\/http\/answer-completer\./, 'answer completer'],
  [/(dist|src)\/(operations|domain|store)\//, 'handler, domain and store'],
  [/(dist|src)\/http\/(error-handler|off-contract|envelope)\./, 'envelope and errors'],
  [/\/express\/lib\/response\./, "Express's res.json/res.send"],
  [/\/express\/|\/router\/|(dist|src)\/app\.|(dist|src)\/http\/series\./, 'Express routing and the sandbox pipeline'],
  [/^node:(_http|net|stream|internal\/streams|internal\/http)/, "Node's HTTP server and sockets"],
];

function stageTable(profile: CpuProfile, selfByNode: Map<number, number>) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const known = new Map<number, string>();
  const stageOf = (id: number): string => {
    const cached = known.get(id);
    if (cached) return cached;
    const { functionName, url } = byId.get(id)!.callFrame;
    let stage: string | undefined;
    if (functionName === '(garbage collector)') stage = 'garbage collector';
    else if (functionName === '(idle)' || functionName === '(program)') stage = functionName;
    else stage = STAGES.find(([pattern]) => pattern.test(url))?.[1];
    if (!stage && /^validate\d*$/.test(functionName)) stage = 'contract validation (express-openapi-validator, ajv)';
    const up = parent.get(id);
    stage ??= up === undefined ? 'other' : stageOf(up);
    known.set(id, stage);
    return stage;
  };
  const byStage = new Map<string, number>();
  for (const [id, us] of selfByNode) byStage.set(stageOf(id), (byStage.get(stageOf(id)) ?? 0) + us);
  return byStage;
}

/** Self time by function and by package over the samples `window` (ms from the profile's start) holds, all of them by default. */
export function summarize(file: string, window: { fromMs: number; toMs: number } = { fromMs: 0, toMs: Infinity }): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const selfByNode = new Map<number, number>();
  let at = profile.startTime;
  let samples = 0;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i];
    const ms = (at - profile.startTime) / 1000;
    if (ms < window.fromMs || ms > window.toMs) return;
    samples++;
    // A sample lasts until the next one: its time is the next sample's delta.
    selfByNode.set(id, (selfByNode.get(id) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  });

  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const [id, us] of selfByNode) {
    const frame = frames.get(id)!;
    total += us;
    if (frame.functionName === '(idle)') idle += us;
    const where = frame.url ? ` ${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
  }
  const busy = total - idle;
  const stages = stageTable(profile, selfByNode);
  stages.delete('(idle)');
  const top = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  const line = ([name, us]: [string, number]) =>
    `${(us / 1000).toFixed(0).padStart(8)} ms ${((100 * us) / total).toFixed(1).padStart(5)}% ${((100 * us) / busy).toFixed(1).padStart(5)}%  ${name}`;
  return [
    `${path.basename(file)}${Number.isFinite(window.toMs) ? ` from ${(window.fromMs / 1000).toFixed(1)} s to ${(window.toMs / 1000).toFixed(1)} s after start` : ''}: ${(total / 1e6).toFixed(1)} s profiled, ${samples} samples, ${(idle / 1e6).toFixed(1)} s idle, ${(busy / 1e6).toFixed(1)} s busy`,
    '',
    `Top ${TOP} functions by self time`,
    `${'self'.padStart(11)} ${'total'.padStart(6)} ${'busy'.padStart(6)}  function file:line`,
    ...top(byFunction, TOP).map(line),
    '',
    'Self time by package or sandbox folder (top 12)',
    `${'self'.padStart(11)} ${'total'.padStart(6)} ${'busy'.padStart(6)}  where`,
    ...top(byArea, 12).map(line),
    '',
    'Busy time by stage of the request pipeline (each sample counts for the innermost stage on its stack)',
    `${'self'.padStart(11)} ${'total'.padStart(6)} ${'busy'.padStart(6)}  stage`,
    ...top(stages, stages.size).map(line),
  ].join('\n');
}

function newestProfile(dir: string, pid?: number): string {
  const files = readdirSync(dir)
    // CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; thread 0 is the main one (tsx's loader has its own)
    .filter((f) => f.endsWith('.cpuprofile') && (pid === undefined || f.includes(`.${pid}.0.`)))
    .map((f) => path.join(dir, f))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (files.length === 0) throw new Error(`no .cpuprofile${pid ? ` of process ${pid}` : ''} in ${dir}`);
  return files[0];
}

async function profileUnderLoad(): Promise<{ file: string; window: { fromMs: number; toMs: number } }> {
  const dir = path.resolve(process.env.BENCH_PROFILE_DIR ?? '/tmp/prof');
  mkdirSync(dir, { recursive: true });
  const seconds = Number(process.env.BENCH_SECONDS ?? 8);
  const entry = sandboxEntry();
  const port = await freePort();
  const work = path.join(os.tmpdir(), `bench-profile-${process.pid}`);
  const profiling = ['--cpu-prof', `--cpu-prof-dir=${dir}`];
  mkdirSync(work, { recursive: true });
  const sandbox = await startServer({
    name: 'sandbox',
    args: [...(PROFILED_SERVER === 'sandbox' ? profiling : []), ...entry.args],
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: path.join(work, 'data'), RATE_LIMIT_PER_MINUTE: '1000000000' }),
    port,
    logFile: path.join(dir, `sandbox-${process.pid}.log`),
    probe: answersGet('/health'),
  });
  let window = { fromMs: 0, toMs: Infinity };
  let profiled = sandbox;
  try {
    const token = await tokenFor(sandbox.base, DEMO);
    await prepareLookup(sandbox.base, token);
    const calls = PROFILED_CALLS.map((name) => {
      const call = CALLS.find((c) => c.name === name);
      if (!call) throw new Error(`BENCH_CALLS names ${name}; calls are ${CALLS.map((c) => c.name).join(', ')}`);
      return call;
    });
    const requests = calls.map((call) => ({ method: call.method, path: call.path, headers: headersFor(DEMO, token, call), body: call.body, numbered: call.numbered }));
    let label = entry.label;
    if (PROFILED_SERVER === 'ceiling') {
      const answersFile = path.join(work, 'answers.json');
      const answers = await Promise.all(calls.map((call) => captureAnswer(sandbox.base, call, headersFor(DEMO, token, call))));
      writeFileSync(answersFile, JSON.stringify(answers.map(({ text: _, ...answer }) => answer)));
      const ceilingPort = await freePort();
      profiled = await startServer({
        name: 'ceiling',
        args: [...profiling, '--import', 'tsx', 'bench/http/ceiling.ts'],
        env: cleanEnv({ PORT: String(ceilingPort), ANSWERS_FILE: answersFile }),
        port: ceilingPort,
        logFile: path.join(dir, `ceiling-${process.pid}.log`),
        probe: (base) => send(base, calls[0], requests[0].headers).then((res) => res.status >= 200 && res.status <= 299),
      });
      label = 'the ceiling (bench/http/ceiling.ts)';
    }
    console.log(`profiling ${label}: ${PROFILED_CALLS.join(' and ')} in turn, 16 connections, 1 s warm-up + ${seconds} s`);
    const r = await drive(profiled.pid, { url: profiled.base, connections: 16, seconds, warmupSeconds: 1, requests });
    // The profile covers the whole process; the summary keeps the measured part only (the profile
    // starts with the process, a few ms after spawn, so the window is off by about that much).
    window = { fromMs: r.measuredFrom - profiled.spawnedAt, toMs: r.measuredTo - profiled.spawnedAt };
    console.log(
      `${Math.round(r.responses / r.seconds)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, non-2xx ${r.non2xx + r.errors}, server CPU ${Math.round(100 * r.serverCpuShare)}%, autocannon CPU ${Math.round(100 * r.cpuShare)}%, other processes ${Math.round(100 * r.otherCpuShare)}%\n`,
    );
  } finally {
    if (profiled !== sandbox) await profiled.stop('SIGINT');
    await sandbox.stop('SIGINT'); // a clean exit writes the profile
    rmSync(work, { recursive: true, force: true });
  }
  return { file: newestProfile(dir, profiled.pid), window };
}

const [given, fromS, toS] = process.argv.slice(2);
const { file, window } = given
  ? {
      file: statSync(given).isDirectory() ? newestProfile(given) : given,
      window: fromS === undefined ? undefined : { fromMs: Number(fromS) * 1000, toMs: toS === undefined ? Infinity : Number(toS) * 1000 },
    }
  : await profileUnderLoad();
console.log(summarize(file, window));
console.log(`\n(${file}; npm run bench:profile -- <file> summarizes the whole of it)`);
