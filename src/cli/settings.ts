// The sandbox's settings, each an environment variable and a flag of the same name (flagOf), in
// the order --help and the README's configuration table list them.
import { flagOf } from '../config.js';
import { LOG_LEVELS } from '../logger.js';

export interface Setting {
  variable: string;
  /** What the flag's value looks like in --help. */
  value: string;
  default: string;
  meaning: string;
  /** False for a secret: a flag's value shows in every process listing. */
  flag?: false;
}

export const SETTINGS: readonly Setting[] = [
  { variable: 'PORT', value: '<port>', default: '8080', meaning: 'port to listen on (0: any free port)' },
  { variable: 'HOST', value: '<address>', default: '127.0.0.1', meaning: 'address to listen on (0.0.0.0: every interface)' },
  { variable: 'DATA_DIR', value: '<dir>', default: './data', meaning: 'where tenant files live; empty keeps everything in memory' },
  { variable: 'DATABASE_URL', value: '<url>', default: 'none', meaning: 'PostgreSQL (postgres://…) that keeps every tenant, shared by several instances; DATA_DIR is then unused' },
  { variable: 'SEED', value: '<n>', default: '20260401', meaning: 'seed of the generated data' },
  { variable: 'BODY_LIMIT', value: '<size>', default: '100kb', meaning: 'largest request body accepted' },
  { variable: 'IMPORT_BODY_LIMIT', value: '<size>', default: '50mb', meaning: 'largest body POST /sandbox/import accepts' },
  { variable: 'JOURNAL_FSYNC', value: 'on|off', default: 'on', meaning: 'fsync every journal write' },
  { variable: 'TENANT_IDLE_SECONDS', value: '<s>', default: '600', meaning: 'an unused tenant leaves memory after this long; 0 never' },
  { variable: 'MAX_OPEN_TENANTS', value: '<n>', default: '100', meaning: 'tenants kept in memory at most' },
  { variable: 'LOG_LEVEL', value: '<level>', default: 'info', meaning: LOG_LEVELS.join(', ') },
  { variable: 'SANDBOX_AUTH', value: 'strict|relaxed', default: 'strict', meaning: 'relaxed accepts calls without a token' },
  { variable: 'RATE_LIMIT_PER_MINUTE', value: '<n>', default: '6000', meaning: 'requests per minute per apikey' },
  { variable: 'MAX_JSON_DEPTH', value: '<n>', default: '32', meaning: 'deepest nesting accepted in a body' },
  { variable: 'TOKEN_KEY', value: '', default: 'random', meaning: 'the key that signs access tokens', flag: false },
  { variable: 'CORS_ORIGINS', value: '<origins>', default: 'none', meaning: 'comma-separated origins whose pages may call the sandbox' },
  { variable: 'REQUEST_JOURNAL_SIZE', value: '<n>', default: '200', meaning: 'requests kept per tenant for GET /sandbox/requests; 0 none' },
];

/** The settings that have a flag, keyed by the flag's name without its dashes (as parseArgs names options). */
/** The most customers `seed` builds. */
export const MAX_CUSTOMERS = 1_000_000;

export const FLAGGED = new Map(SETTINGS.filter((s) => s.flag !== false).map((s) => [flagOf(s.variable).slice(2), s]));
