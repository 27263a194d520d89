// npm run conformance -- --base-url URL [options]: checks any server against openapi.yaml.
// Exit status: 0 no violation (stateful gaps allowed), 1 at least one violation, 2 could not run.
import { parseArgs } from 'node:util';
import { failures, summarize, table } from './console-report.js';
import { writeJunit } from './junit-report.js';
import { runConformance } from './runner.js';

const USAGE = `Checks a server (this sandbox, your own mock, the real platform) against openapi.yaml.

  npm run conformance -- --base-url URL [options]

  --base-url URL                 the server to check (required)
  --apikey KEY                   default demo-apikey
  --secret SECRET                default demo-secret
  --client-id ID                 X-ClientID, default 00970
  --report FILE                  also write JUnit XML there
  --seed N                       the same seed sends the same requests (default: a random one, printed)
  --requests-per-operation N     generated valid and invalid requests per operation (default 10 each)
  --organization N --logo N      organization and logo the journey uses (default 970 and 401)
  --sign                         sign every request (HMAC Signature, Timestamp, X-Client-Request-Id)
  --exclude-tag TAG              skip the operations with this tag (e.g. Sandbox on the real platform); repeatable
  --exclude-operation ID         skip one operation; repeatable
  --validation-code CODE         the error code meaning "breaks the schema" (default SBX400V); repeatable
  --spec FILE                    the contract (default: this repository's openapi.yaml)
  --timeout-ms N                 per request (default 15000)
`;

function integer(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new UsageError(`--${name} must be a whole number, got ${value}`);
  return n;
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'base-url': { type: 'string' },
      apikey: { type: 'string', default: 'demo-apikey' },
      secret: { type: 'string', default: 'demo-secret' },
      'client-id': { type: 'string', default: '00970' },
      report: { type: 'string' },
      seed: { type: 'string' },
      'requests-per-operation': { type: 'string' },
      organization: { type: 'string' },
      logo: { type: 'string', default: '401' },
      sign: { type: 'boolean', default: false },
      'exclude-tag': { type: 'string', multiple: true, default: [] },
      'exclude-operation': { type: 'string', multiple: true, default: [] },
      'validation-code': { type: 'string', multiple: true },
      spec: { type: 'string' },
      'timeout-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const baseUrl = values['base-url'];
  if (!baseUrl || !/^https?:\/\//.test(baseUrl)) throw new UsageError('--base-url http(s)://… is required');
  const seed = integer('seed', values.seed, Math.floor(Math.random() * 2 ** 31));
  const options = {
    baseUrl,
    credentials: { apikey: values.apikey!, secret: values.secret!, clientId: values['client-id']! },
    specFile: values.spec,
    seed,
    requestsPerOperation: integer('requests-per-operation', values['requests-per-operation'], 10),
    organization: integer('organization', values.organization, 970),
    logo: values.logo!,
    sign: values.sign!,
    timeoutMs: integer('timeout-ms', values['timeout-ms'], 15_000),
    excludeTags: values['exclude-tag']!,
    excludeOperations: values['exclude-operation']!,
    validationCodes: values['validation-code'] ?? ['SBX400V'],
  };

  console.log(`Conformance of ${baseUrl} to the contract — seed ${seed} (send the same requests again with --seed ${seed})`);
  let sent = 0;
  const result = await runConformance({
    ...options,
    onOutcome: () => {
      if (++sent % 100 === 0) process.stderr.write(`  … ${sent} requests\n`);
    },
  });

  const found = failures(result);
  if (found) console.log(`\n${found}`);
  const rows = summarize(result);
  console.log(`\n${table(rows)}\n`);
  if (values.report) {
    writeJunit(result, values.report, { baseUrl, seed });
    console.log(`JUnit report: ${values.report}`);
  }
  const violations = rows.reduce((n, r) => n + r.violations, 0);
  const gaps = rows.reduce((n, r) => n + r.gaps, 0);
  console.log(
    violations
      ? `${violations} violation${violations === 1 ? '' : 's'} of the contract, ${gaps} stateful gap${gaps === 1 ? '' : 's'} (seed ${seed}).`
      : `No violation of the contract; ${gaps} stateful gap${gaps === 1 ? '' : 's'} (seed ${seed}).`,
  );
  return violations ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err) => {
    const usage = err instanceof UsageError || String((err as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    console.error(usage ? `${(err as Error).message}\n\n${USAGE}` : `conformance run stopped: ${(err as Error).message}`);
    process.exitCode = 2;
  },
);
