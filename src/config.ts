// Settings from the environment, with the defaults a newcomer gets from `npm start`.
export interface Config {
  port: number;
  host: string;
  /** Where tenant files live; undefined keeps data in memory only. */
  dataDir?: string;
  seed: number;
  bodyLimit: string;
  logLevel: 'silent' | 'error' | 'warn' | 'info';
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
    logLevel: (env.LOG_LEVEL as Config['logLevel']) ?? 'info',
  };
}

/** The processing date: today's date in UTC. */
export const today = () => new Date().toISOString().slice(0, 10);
