// Logs are pino's JSON lines on stderr: `level`, `time`, `msg` and the fields of the call, plus one
// line per answer from pino-http (request id, tenant, operationId, status, duration). Bodies and
// headers are never logged; the redact list is a second guard for a secret passed by mistake.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pino, type DestinationStream, type LevelWithSilent } from 'pino';
import { pinoHttp } from 'pino-http';

/** What the sandbox's modules log through: pino's (fields, message) calls, which a test may also implement by hand. */
export interface Logger {
  info(fields: object, msg: string): void;
  warn(fields: object, msg: string): void;
  error(fields: object, msg: string): void;
}

export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const satisfies readonly LevelWithSilent[];
export type LogLevel = (typeof LOG_LEVELS)[number];

const SECRET_KEYS = ['authorization', 'signature', 'secret', 'password', 'token', 'access_token'];

/** A pino logger writing to stderr (or `destination`), synchronously so that no line is lost when the process exits. */
export function createLogger(level: LogLevel = 'info', destination: DestinationStream = pino.destination({ dest: 2, sync: true })): pino.Logger {
  return pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
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

/**
 * Gives every answer its X-Request-Id and logs one line when it is sent. Mounted first, so even a
 * refused preflight or an unknown route carries the id. `facts` is read when the answer is sent,
 * after access control and routing have learnt the tenant and the operation.
 */
export function requestLogger(logger: Logger, facts: (req: IncomingMessage) => RequestFacts) {
  const line = (req: IncomingMessage, res: ServerResponse, val: { responseTime: number }) => ({ req, res, responseTime: val.responseTime });
  return pinoHttp({
    logger: asPino(logger),
    genReqId: (req, res) => {
      const id = requestIdFor(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    // Lines logged while a request runs (req.log) carry only its id; the answer's line adds the rest.
    quietReqLogger: true,
    quietResLogger: true,
    serializers: {
      req: (req: { method: string; url: string }) => ({ method: req.method, path: req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    customProps: (req) => facts(req),
    customSuccessObject: line,
    // The error handler has already logged a failure with its stack; this line only records the answer.
    customErrorObject: (req, res, _err, val) => line(req, res, val),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request completed',
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
  });
}
