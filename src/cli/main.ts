#!/usr/bin/env node
// The command line (package.json "bin"): `firstvision-sandbox [flags]` starts the sandbox,
// `firstvision-sandbox seed [flags]` fills a tenant with seeded customers. Every flag is an
// environment variable of the same name (settings.ts), so the flags are set as those variables and
// the server reads its configuration in one place; a flag wins over a variable set outside.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { flagOf } from '../config.js';
import type { SeedFlags } from './seed.js';
import { FLAGGED, MAX_CUSTOMERS, SETTINGS } from './settings.js';

const NAME = 'firstvision-sandbox';

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r) => `  ${r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] + 2))).join('')}`.trimEnd());
}

function help(): string {
  const flagged = SETTINGS.filter((s) => s.flag !== false);
  const envOnly = SETTINGS.filter((s) => s.flag === false);
  return [
    `Usage: ${NAME} [options]           start the sandbox`,
    `       ${NAME} seed [options]      fill a tenant with seeded customers, replacing its data`,
    `       ${NAME} --help`,
    '',
    'The FirstVision Customer Management sandbox. Every option is also an environment variable;',
    'a flag wins over its variable. Bad configuration stops the start with one line and exit status 2.',
    '',
    'Options:',
    ...table([['flag', 'variable', 'default', 'meaning'], ...flagged.map((s) => [`${flagOf(s.variable)} ${s.value}`, s.variable, s.default, s.meaning])]),
    '',
    'Environment only (a flag would show its value in process listings):',
    ...table(envOnly.map((s) => [s.variable, s.default, s.meaning])),
    '',
    'Seed options:',
    ...table([
      ['--tenant <apikey>', 'the tenant to fill, an apikey of fixtures/tenants.json (default demo-apikey)'],
      ['--customers <n>', `how many customers, 1 to ${MAX_CUSTOMERS}`],
      ['--seed <n>', 'SEED, as above'],
      ['--data-dir <dir>', 'DATA_DIR, as above (it must not be empty: seed writes files)'],
      ['--database-url <url>', 'DATABASE_URL, as above: the tenant is written there instead'],
    ]),
    '',
    'Examples:',
    `  npx ${NAME} --port 9090 --data-dir /var/lib/sandbox --log-level warn`,
    `  npx ${NAME} seed --tenant demo-apikey --customers 100000`,
  ].join('\n');
}

/** A mistake on the command line: one line on stderr, exit status 2. */
function usageError(message: string): never {
  process.stderr.write(`${NAME}: ${message} (${NAME} --help lists the options)\n`);
  process.exit(2);
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Record<string, string | boolean | undefined> {
  try {
    const { values } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, strict: true, allowPositionals: false });
    return values as Record<string, string | boolean | undefined>;
  } catch (err) {
    // Node's own message, up to its first sentence: it names the option and what is wrong with it.
    usageError((err as Error).message.split('. ')[0].replace(/\.$/, ''));
  }
}

async function serve(args: string[]) {
  const values = parse(args, Object.fromEntries([...FLAGGED.keys()].map((name) => [name, { type: 'string' as const }])));
  if (values.help) return console.log(help());
  for (const [name, value] of Object.entries(values)) {
    const setting = FLAGGED.get(name);
    if (setting && typeof value === 'string') process.env[setting.variable] = value;
  }
  await import('../server.js');
}

async function seed(args: string[]) {
  const values = parse(args, {
    tenant: { type: 'string', default: 'demo-apikey' },
    customers: { type: 'string' },
    seed: { type: 'string' },
    'data-dir': { type: 'string' },
    'database-url': { type: 'string' },
  });
  if (values.help) return console.log(help());
  // Loaded here only: the seed builders would slow every start of the server.
  const { seedTenant } = await import('./seed.js');
  await seedTenant(values as unknown as SeedFlags);
}

const [first, ...rest] = process.argv.slice(2);
if (first === 'seed') await seed(rest);
else await serve(process.argv.slice(2));
