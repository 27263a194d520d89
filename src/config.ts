// Settings from the environment, with the defaults a newcomer gets from `npm start`.
export interface Config {
  port: number;
  host: string;
  /** Where tenant files live; undefined keeps data in memory only. */
  dataDir?: string;
  seed: number;
  bodyLimit: string;
  /** Largest body POST /sandbox/import accepts (a whole tenant). */
  importBodyLimit: string;
  /** fsync every journal write: off survives a killed process, not a power cut. */
  fsync: boolean;
  /** Seconds a tenant may go unused before it leaves memory (0: never). */
  tenantIdleSeconds: number;
  maxOpenTenants: number;
  logLevel: 'silent' | 'error' | 'warn' | 'info';
  /** 'strict' (the platform's rules) or 'relaxed' (apikey only, for local experiments). */
  auth: 'strict' | 'relaxed';
  rateLimitPerMinute: number;
  maxJsonDepth: number;
  /** Signs access tokens; when unset a random key is made at start, so tokens end with the process. */
  tokenKey?: Uint8Array;
  /** Origins whose pages may call the sandbox from a browser (CORS); none by default. */
  corsOrigins: string[];
}

export const DEFAULT_SEED = 20260401;

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const seed = Number(env.SEED ?? DEFAULT_SEED);
  if (!Number.isSafeInteger(seed)) throw new Error(`SEED must be an integer, got ${env.SEED}`);
  return {
    port: Number(env.PORT ?? 8080),
    host: env.HOST ?? '127.0.0.1',
    dataDir: env.DATA_DIR === '' ? undefined : env.DATA_DIR ?? './data',
    seed,
    bodyLimit: env.BODY_LIMIT ?? '100kb',
    importBodyLimit: env.IMPORT_BODY_LIMIT ?? '50mb',
    fsync: env.JOURNAL_FSYNC !== 'off',
    tenantIdleSeconds: env.TENANT_IDLE_SECONDS === '0' ? 0 : positive('TENANT_IDLE_SECONDS', env.TENANT_IDLE_SECONDS, 600),
    maxOpenTenants: positive('MAX_OPEN_TENANTS', env.MAX_OPEN_TENANTS, 100),
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? 'info',
    auth: env.SANDBOX_AUTH === 'relaxed' ? 'relaxed' : 'strict',
    rateLimitPerMinute: positive('RATE_LIMIT_PER_MINUTE', env.RATE_LIMIT_PER_MINUTE, 6000),
    maxJsonDepth: positive('MAX_JSON_DEPTH', env.MAX_JSON_DEPTH, 32),
    tokenKey: env.TOKEN_KEY ? new TextEncoder().encode(env.TOKEN_KEY) : undefined,
    corsOrigins: origins(env.CORS_ORIGINS),
  };
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
      if (origin?.toLowerCase() !== o.toLowerCase()) throw new Error(`CORS_ORIGINS takes origins such as https://portal.example.com (no path, no *), got ${o}`);
      return origin;
    });
}

function positive(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, got ${value}`);
  return n;
}

/** The processing date: today's date in UTC. */
export const today = () => new Date().toISOString().slice(0, 10);
