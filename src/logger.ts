// Logs are pino's JSON lines on stderr: `level`, `time`, `msg` and the fields of the call, plus one
// line per answer (request id, tenant, operationId, status, duration). Bodies and headers are
// never logged; the redact list is a second guard for a secret passed by mistake.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';

/** What the sandbox's modules log through: pino's (fields, message) calls, which a test may also implement by hand. */
export interface Logger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = ['authorization', 'signature', 'secret', 'password', 'token', 'access_token'];

/**
 * Lines go to stderr off the request's path: gathered up to 4 KiB, or for at most 100 ms, then
 * written at once (a write per line cost more than the line); pino writes what is left when the
 * process exits.
 */
const stderrLines = () => pino.destination({ dest: 2, sync: false, minLength: 4096, periodicFlush: 100 });

/**
 * pino's ISO time field, made once per millisecond: under load several lines share a millisecond,
 * and formatting the date for each cost about a hundredth of the sandbox's time.
 */
let timeMs = -1;
let timeField = '';
export function isoTime(): string {
  const now = Date.now();
  if (now !== timeMs) {
    timeMs = now;
    timeField = `,"time":"${new Date(now).toISOString()}"`;
  }
  return timeField;
}

/** A pino logger writing to stderr, or to `destination`. */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = stderrLines()): pino.Logger {
  return pino(
    {
      level,
      base: null,
      timestamp: isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: SECRET_KEYS.flatMap((k) => [k, `*.${k}`]), censor: '[redacted]' },
    },
    destination,
  );
}

const isPino = (logger: Logger): logger is pino.Logger =>
  typeof (logger as Partial<pino.Logger>).child === 'function' && typeof (logger as Partial<pino.Logger>).bindings === 'function';

/** The logger itself when it is pino; otherwise a pino logger that hands each line to it (a test's recorder). */
export function asPino(logger: Logger): pino.Logger {
  if (isPino(logger)) return logger;
  return createLogger('info', {
    write(line: string) {
      const { level, msg, ...fields } = JSON.parse(line) as { level: string; msg: string };
      const at = level === 'warn' ? 'warn' : level === 'error' || level === 'fatal' ? 'error' : 'info';
      logger[at](fields, msg);
    },
  });
}

// Long enough for a UUID or a trace id, short and plain enough to be safe in a log line and a header.
const SANE_REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

/** The caller's X-Request-Id when it is sane, otherwise a new one. */
export function requestIdFor(sent: string | string[] | undefined): string {
  return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
}

export interface RequestFacts {
  /** The apikey of a known tenant, once the request names one. */
  tenant?: string;
  operationId?: string;
}

/** A request Express has linked to its answer. */
type Answered = IncomingMessage & { res?: ServerResponse };

/**
 * Gives every answer its X-Request-Id and logs one line when it is sent. Mounted first, so even a
 * refused preflight or an unknown route carries the id. `facts` is read when the answer is sent,
 * after access control and routing have learnt the tenant and the operation. One plain pino call
 * per answer: no logger per request, which under load cost more than the line itself.
 */
export function requestLogger(logger: Logger, facts: (req: IncomingMessage) => RequestFacts) {
  // The line is made here of ids, names and numbers only, so the redaction pass (which cost more
  // than the rest of the line) has nothing to find in it.
  const log = asPino(logger).child({}, { redact: [] });
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const started = performance.now();
    const id = requestIdFor(req.headers['x-request-id']);
    // On the answer only (requestLog reads it there): a property added to the request itself cost
    // a few microseconds a request.
    res.setHeader('X-Request-Id', id);
    // 'close' follows every answer, and also a connection cut before the answer was complete; it
    // comes once, so `on` does (without the wrapper `once` makes).
    res.on('close', () => {
      const { statusCode } = res;
      const failed = statusCode >= 500 || !res.writableFinished;
      if (!log.isLevelEnabled(failed ? 'error' : 'info')) return;
      const url = (req as IncomingMessage & { originalUrl?: string }).originalUrl ?? req.url ?? '';
      const query = url.indexOf('?');
      const line = {
        reqId: id,
        ...facts(req),
        req: { method: req.method, path: query < 0 ? url : url.slice(0, query) },
        res: { statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      if (!res.writableFinished) log.error(line, 'request aborted');
      else if (failed) log.error(line, 'request completed');
      else log.info(line, 'request completed');
    });
    next();
  };
}

/** The logger for lines about one request: they carry its id, so they match the answer's line. */
export function requestLog(req: IncomingMessage, logger: Logger): Logger {
  const id = (req as Answered).res?.getHeader('x-request-id');
  return id === undefined ? logger : asPino(logger).child({ reqId: id });
}
