// The request journal: each tenant's latest requests and the answers it got, newest first, so a
// partner can see what the sandbox received and said without a proxy of their own. It lives in
// memory only (a restart empties it) and keeps a fixed number of requests per tenant. Secrets are
// kept out at the door (Authorization, Signature, cookies) or on the way out (tokens and secrets in
// bodies); bodies are kept as text and parsed only when someone reads them.
import { randomUUID } from 'node:crypto';
import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { Tenant } from '../tenants.js';
import { nestsDeeperThan, parseLosslessJson, rawBodyOf } from './json-body.js';

/** Where the journal is read and emptied; its own calls are never recorded. */
export const JOURNAL_PATH = '/sandbox/requests';
/** Bodies larger than this are counted, not kept: a whole-tenant export must not fill the memory. */
export const BODY_KEPT_BYTES = 64 * 1024;
/** Deeper bodies are shown as their text, so reading the journal never recurses without end. */
const SHOWN_DEPTH = 64;
const REQUEST_ID_LENGTH = 200;
const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['signature', 'cookie']);
/** Only the scheme stays, so a reader still sees whether Basic or Bearer was sent. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization']);
/** Body fields holding credentials. Paging tokens (startToken, nextToken) are not secrets and stay. */
const SECRET_FIELD = /^(access_token|refresh_token|id_token|client_secret|secret|password)$/i;
const SECRET_IN_TEXT = /\b(access_token|refresh_token|id_token|client_secret|secret|password)=[^&\s]*/gi;

interface CapturedBody {
  bytes: number;
  contentType: string;
  /** The body as sent, decoded only when read; left out when it was larger than BODY_KEPT_BYTES. */
  content?: Buffer | (string | Buffer)[];
}

/**
 * What recording keeps: references and numbers only, so a request pays no copying, formatting or
 * redaction; GET /sandbox/requests builds the entry it shows from them.
 */
interface Recorded {
  requestId: string;
  /** Epoch milliseconds. */
  at: number;
  method: string;
  path: string;
  operationId: string | null;
  status: number;
  durationMs: number;
  /** A shallow copy of the headers as they arrived, redacted when shown. */
  headers: Request['headers'];
  request: CapturedBody;
  answer: CapturedBody;
}

/** One request as GET /sandbox/requests shows it. */
export interface JournalEntry extends Omit<Recorded, 'at' | 'headers' | 'request' | 'answer'> {
  time: string;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  requestBodyBytes: number;
  answerBody: unknown;
  answerBodyBytes: number;
}

export interface JournalFilter {
  operationId?: string;
  /** An exact status such as 401, or a class such as 4xx. */
  status?: string;
  limit: number;
}

/** One tenant's journal, as the handlers of GET and DELETE /sandbox/requests see it. */
export interface TenantRequests {
  readonly capacity: number;
  list(filter: JournalFilter): { kept: number; requests: JournalEntry[] };
  /** Empties the journal and answers how many requests it held. */
  clear(): number;
}

class Ring<T> {
  private items: (T | undefined)[] = [];
  private next = 0;
  count = 0;
  constructor(private readonly capacity: number) {}
  push(item: T) {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    this.count = Math.min(this.count + 1, this.capacity);
  }
  *newestFirst(): Generator<T> {
    for (let i = 1; i <= this.count; i++) yield this.items[(this.next - i + this.capacity) % this.capacity]!;
  }
  clear(): number {
    const removed = this.count;
    this.items = [];
    this.next = this.count = 0;
    return removed;
  }
}

export class RequestJournal {
  private readonly rings = new Map<string, Ring<Recorded>>();
  constructor(readonly capacity: number) {}

  record(tenantId: string, entry: Recorded) {
    if (this.capacity === 0) return;
    let ring = this.rings.get(tenantId);
    if (!ring) this.rings.set(tenantId, (ring = new Ring(this.capacity)));
    ring.push(entry);
  }

  forTenant(tenantId: string): TenantRequests {
    return {
      capacity: this.capacity,
      list: (filter) => {
        const ring = this.rings.get(tenantId);
        const requests: JournalEntry[] = [];
        if (!ring) return { kept: 0, requests };
        const statusMatches = statusTest(filter.status);
        for (const entry of ring.newestFirst()) {
          if (requests.length >= filter.limit) break;
          if (filter.operationId !== undefined && entry.operationId !== filter.operationId) continue;
          if (!statusMatches(entry.status)) continue;
          requests.push(shown(entry));
        }
        return { kept: ring.count, requests };
      },
      clear: () => this.rings.get(tenantId)?.clear() ?? 0,
    };
  }
}

function statusTest(status: string | undefined): (s: number) => boolean {
  if (status === undefined) return () => true;
  const m = /^([1-5])xx$/.exec(status);
  return m ? (s) => Math.floor(s / 100) === Number(m[1]) : (s) => s === Number(status);
}

function shown(entry: Recorded): JournalEntry {
  const { request, answer } = entry;
  return {
    requestId: entry.requestId,
    time: new Date(entry.at).toISOString(),
    method: entry.method,
    path: entry.path,
    operationId: entry.operationId,
    status: entry.status,
    durationMs: entry.durationMs,
    requestHeaders: redactedHeaders(entry.headers),
    requestBody: bodyOf(request),
    requestBodyBytes: request.bytes,
    answerBody: bodyOf(answer),
    answerBodyBytes: answer.bytes,
  };
}

const textOf = (content: NonNullable<CapturedBody['content']>) =>
  Buffer.isBuffer(content) ? content.toString('utf8') : content.map((part) => (typeof part === 'string' ? part : part.toString('utf8'))).join('');

/** JSON and forms as the values they hold (identifiers beyond 2^53 as their exact text), anything else as text. */
function bodyOf(body: CapturedBody): unknown {
  if (body.bytes === 0 || body.content === undefined) return null;
  const text = textOf(body.content);
  const { contentType } = body;
  if (/^application\/x-www-form-urlencoded\b/i.test(contentType)) return redact(Object.fromEntries(new URLSearchParams(text)));
  if (/^application\/(.+\+)?json\b/i.test(contentType) && !nestsDeeperThan(text, SHOWN_DEPTH)) {
    try {
      return redact(parseLosslessJson(text));
    } catch {
      // Not JSON after all: the caller sees what was sent.
    }
  }
  return text.replace(SECRET_IN_TEXT, `$1=${REDACTED}`);
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_FIELD.test(k) ? REDACTED : redact(v)]));
}

function redactedHeaders(headers: Request['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers)) {
    if (raw === undefined) continue;
    const value = Array.isArray(raw) ? raw.join(', ') : raw;
    if (SECRET_HEADERS.has(name)) out[name] = REDACTED;
    else if (CREDENTIAL_HEADERS.has(name)) out[name] = `${/^\S+/.exec(value)?.[0] ?? ''} ${REDACTED}`.trim();
    else out[name] = value;
  }
  return out;
}

const headerOf = (value: string | string[] | number | undefined) => (Array.isArray(value) ? value[0] : value === undefined ? undefined : String(value));

const CAPTURE = Symbol('answer capture');

/** What one answer has written so far; its chunks are kept up to BODY_KEPT_BYTES. */
class AnswerCapture {
  private readonly parts: (string | Buffer)[] = [];
  private bytes = 0;

  keep(chunk: unknown, encoding: unknown) {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    const enc = typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8';
    if (typeof chunk === 'string') {
      this.bytes += Buffer.byteLength(chunk, enc);
      if (this.bytes <= BODY_KEPT_BYTES) this.parts.push(chunk);
    } else {
      const view = chunk as Uint8Array;
      this.bytes += view.length;
      // Bytes are kept as a copy (the writer may reuse its memory) and decoded when read, as UTF-8
      // unless the write named another encoding.
      if (this.bytes <= BODY_KEPT_BYTES) this.parts.push(enc === 'utf8' ? Buffer.from(view) : Buffer.from(view).toString(enc));
    }
  }

  taken(): { bytes: number; content?: (string | Buffer)[] } {
    return { bytes: this.bytes, content: this.bytes <= BODY_KEPT_BYTES ? this.parts : undefined };
  }
}

const captureOf = (res: Response) => (res.locals as Record<symbol, AnswerCapture | undefined>)[CAPTURE];

/**
 * Lets the journal see what `app`'s answers write, without changing what is sent: the app's
 * res.write and res.end hand each chunk to the capture an answer carries (recordRequests gives one
 * to each answer it records). Set once on the app's response prototype, as wrapping each answer's
 * own write and end cost more than all the rest of recording a request.
 */
export function captureAnswers(app: Express) {
  type Writer = (this: Response, chunk?: unknown, ...rest: unknown[]) => unknown;
  const write = app.response.write as Writer;
  const end = app.response.end as Writer;
  app.response.write = function (this: Response, chunk: unknown, ...rest: unknown[]) {
    captureOf(this)?.keep(chunk, rest[0]);
    return write.call(this, chunk, ...rest);
  } as Response['write'];
  app.response.end = function (this: Response, chunk?: unknown, ...rest: unknown[]) {
    captureOf(this)?.keep(chunk, rest[0]);
    return end.call(this, chunk, ...rest);
  } as Response['end'];
}

export interface RecorderOptions {
  journal: RequestJournal;
  tenants: Tenant[];
  /** The operation the request's method and path lead to, whether or not it got that far. */
  operationOf: (req: Request) => string | undefined;
  now: () => number;
}

/**
 * Records every request whose apikey names a tenant, once its answer is sent: refusals included
 * (a wrong token, a broken body), so a partner can see why a call failed. Answers' bodies are seen
 * through captureAnswers, set on the same app.
 */
export function recordRequests(options: RecorderOptions): RequestHandler {
  const tenants = new Map(options.tenants.map((t) => [t.apikey, t]));
  return (req: Request, res: Response, next: NextFunction) => {
    const tenant = tenants.get(headerOf(req.headers.apikey) ?? '');
    if (!tenant || options.journal.capacity === 0 || req.path === JOURNAL_PATH) return next();
    const started = performance.now();
    const at = options.now();
    const headers = { ...req.headers };
    const capture = new AnswerCapture();
    (res.locals as Record<symbol, AnswerCapture>)[CAPTURE] = capture;
    // 'finish' comes once per answer; `on` spares the wrapper `once` makes.
    res.on('finish', () => {
      const raw = rawBodyOf(req);
      const requestBytes = raw?.length || Number(headerOf(req.headers['content-length']) ?? 0) || 0;
      const answer = capture.taken();
      // Another layer may name the request (X-Request-Id on the answer); the client's own id comes next.
      const requestId =
        headerOf(res.getHeader('x-request-id')) || headerOf(req.headers['x-request-id']) || headerOf(req.headers['x-client-request-id']) || randomUUID();
      options.journal.record(tenant.apikey, {
        requestId: requestId.slice(0, REQUEST_ID_LENGTH),
        at,
        method: req.method,
        path: req.originalUrl,
        operationId: options.operationOf(req) ?? null,
        status: res.statusCode,
        durationMs: Math.round((performance.now() - started) * 100) / 100,
        headers,
        request: {
          bytes: requestBytes,
          contentType: headerOf(req.headers['content-type']) ?? '',
          // The request's own buffer: nothing writes into it once read.
          content: raw && raw.length <= BODY_KEPT_BYTES ? raw : undefined,
        },
        answer: { bytes: answer.bytes, contentType: headerOf(res.getHeader('content-type')) ?? '', content: answer.content },
      });
    });
    next();
  };
}
