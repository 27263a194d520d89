// Settings from the environment, with the defaults a newcomer gets from `npm start`. The command
// line (src/cli/main.ts) sets the same variables from its flags.
import { accessSync, constants, mkdirSync } from 'node:fs';
import { LOG_LEVELS, type LogLevel } from './logger.js';

export interface Config {
  port: number;
  host: string;
  /** Where tenant files live; undefined keeps data in memory only. */
  dataDir?: string;
  /** PostgreSQL keeps the tenants (and several instances share them) when set; DATA_DIR is then unused. */
  databaseUrl?: string;
  seed: number;
  bodyLimit: string;
  /** Largest body POST /sandbox/import accepts (a whole tenant). */
  importBodyLimit: string;
  /** fsync every journal write: off survives a killed process, not a power cut. */
  fsync: boolean;
  /** Seconds a tenant may go unused before it leaves memory (0: never). */
  tenantIdleSeconds: number;
  maxOpenTenants: number;
  logLevel: LogLevel;
  /** 'strict' (the platform's rules) or 'relaxed' (apikey only, for local experiments). */
  auth: 'strict' | 'relaxed';
  rateLimitPerMinute: number;
  maxJsonDepth: number;
  /** Signs access tokens; when unset a random key is made at start, so tokens end with the process. */
  tokenKey?: Uint8Array;
  /** Origins whose pages may call the sandbox from a browser (CORS); none by default. */
  corsOrigins: string[];
  /** Requests each tenant's request journal keeps in memory (0: none). */
  requestJournalSize: number;
}

export const DEFAULT_SEED = 20260401;

/** Every setting's flag is its variable in lower case with dashes: PORT is --port, DATA_DIR is --data-dir. */
export const flagOf = (variable: string) => `--${variable.toLowerCase().replace(/_/g, '-')}`;

/** A setting the sandbox cannot start with; the message names both ways of giving it. */
export class ConfigError extends Error {
  constructor(variable: string, problem: string) {
    super(`${variable} (${flagOf(variable)}) ${problem}`);
  }
}

/** Bad configuration ends the process with one line on stderr and exit status 2; anything else is thrown on. */
export function exitOnConfigError(err: unknown): never {
  if (!(err instanceof ConfigError)) throw err;
  process.stderr.write(`firstvision-sandbox: ${err.message}\n`);
  process.exit(2);
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = Number(env.SEED ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed)) throw new ConfigError('SEED', `must be an integer, got "${env.SEED}"`);
  return {
    port: port(env.PORT),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DATA_DIR === '' ? undefined : env.DATA_DIR ?? './data',
    databaseUrl: databaseUrl(env.DATABASE_URL),
    seed,
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    importBodyLimit: env.IMPORT_BODY_LIMIT ?? '50mb',
    fsync: oneOf('JOURNAL_FSYNC', env.JOURNAL_FSYNC, ['on', 'off']) !== 'off',
    tenantIdleSeconds: env.TENANT_IDLE_SECONDS === '0' ? 0 : positive('TENANT_IDLE_SECONDS', env.TENANT_IDLE_SECONDS, 600),
    maxOpenTenants: positive('MAX_OPEN_TENANTS', env.MAX_OPEN_TENANTS, 100),
    logLevel: oneOf('LOG_LEVEL', env.LOG_LEVEL, LOG_LEVELS, 'info'),
    auth: oneOf('SANDBOX_AUTH', env.SANDBOX_AUTH, ['strict', 'relaxed']),
    rateLimitPerMinute: positive('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000),
    maxJsonDepth: positive('MAX_JSON_DEPTH', env.MAX_JSON_DEPTH, 32),
    tokenKey: env.TOKEN_KEY ? new TextEncoder().encode(env.TOKEN_KEY) : undefined,
    corsOrigins: origins(env.CORS_ORIGINS),
    requestJournalSize: env.REQUEST_JOURNAL_SIZE === '0' ? 0 : positive('REQUEST_JOURNAL_SIZE', env.REQUEST_JOURNAL_SIZE, 200),
  };
}

/** A postgres:// or postgresql:// URL, checked at start so a typo is not first met by a request. */
function databaseUrl(value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(value).protocol;
  } catch {}
  if (protocol !== 'postgres:' && protocol !== 'postgresql:') throw new ConfigError('DATABASE_URL', 'must be a PostgreSQL URL such as postgres://user@host:5432/database');
  return value;
}

/** A comma-separated list of origins, each checked, so a typo fails at start rather than in a browser. */
function origins(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((o) => o.trim().replace(/\/$/, ''))
    .filter(Boolean)
    .map((o) => {
      let origin: string | undefined;
      try {
        origin = new URL(o).origin;
      } catch {}
      if (origin?.toLowerCase() !== o.toLowerCase()) throw new ConfigError('CORS_ORIGINS', `takes origins such as https://portal.example.com (no path, no *), got ${o}`);
      return origin;
    });
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new ConfigError(name, `must be a positive integer, got "${value}"`);
  return n;
}

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  const n = Number(value);
  // 0 asks the system for a free port (the tests do).
  if (!/^\d+$/.test(value) || n > 65535) throw new ConfigError('PORT', `must be a port number from 0 to 65535, got "${value}"`);
  return n;
}

/** One of `allowed`, the first when unset. */
function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T = allowed[0]): T {
  if (value === undefined || value === '') return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(name, `must be one of ${allowed.join(', ')}; got "${value}"`);
}

/**
 * Creates the data directory when it is missing and proves it writable, so a directory the sandbox
 * cannot use stops it at start rather than failing every tenant's first request.
 */
export function checkDataDir(dir: string | undefined) {
  if (dir === undefined) return;
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const reason = (err as Error).message.split(',')[0];
    throw new ConfigError('DATA_DIR', `"${dir}" is not a directory the sandbox can write to (${reason})`);
  }
}

const DAY_MS = 86_400_000;
let day = '';
let dayEnds = 0;
/** The processing date: today's date in UTC. Every request asks, so it is worked out once a day. */
export const today = () => {
  const now = Date.now();
  if (now >= dayEnds) {
    day = new Date(now).toISOString().slice(0, 10);
    dayEnds = (Math.floor(now / DAY_MS) + 1) * DAY_MS;
  }
  return day;
};
