// A small JSON-lines logger: enough for a sandbox, and it never prints request bodies or secrets.
export interface Logger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

type Level = 'silent' | 'error' | 'warn' | 'info';
const rank: Record<Level, number> = { silent: 0, error: 1, warn: 2, info: 3 };

function serialise(fields: object): object {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v instanceof Error ? { message: v.message, stack: v.stack, errors: (v as { errors?: unknown }).errors } : v;
  }
  return out;
}

export function createLogger(level: Level = 'info', write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const at = (lvl: Exclude<Level, 'silent'>) => (fields: object, msg: string) => {
    if (rank[lvl] <= rank[level]) write(JSON.stringify({ time: new Date().toISOString(), level: lvl, msg, ...serialise(fields) }));
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
