// Sends requests the way a partner's application does: a token from POST /token (client
// credentials, HTTP Basic), then apikey, X-ClientID and the bearer token on every call, and
// optionally the platform's HMAC signature.
import { randomUUID } from 'node:crypto';
import { signRequest } from '../auth/request-signature.js';
import { toJsonText } from './json-text.js';
import type { Draft } from './request-draft.js';
import type { Operation } from './spec.js';

export interface Credentials {
  apikey: string;
  secret: string;
  clientId: string;
}

export interface ClientOptions {
  sign: boolean;
  timeoutMs: number;
}

export interface SentRequest {
  method: string;
  /** Path and query as the contract sees them (without the base URL). */
  path: string;
  url: string;
  headers: Record<string, string>;
  bodyText?: string;
}

export interface Exchange {
  request: SentRequest;
  /** 0 when no answer came (refused connection, timeout). */
  status: number;
  headers: Record<string, string>;
  bodyText: string;
  error?: string;
}

type Target = Pick<Operation, 'method' | 'pathTemplate' | 'security' | 'requestBody'>;

const TOKEN_TARGET: Target = {
  method: 'POST',
  pathTemplate: '/token',
  security: [{ name: 'basicAuth', type: 'http', scheme: 'basic' }],
  requestBody: { mediaType: 'application/x-www-form-urlencoded', required: true, schema: {}, examples: [] },
};

export class Client {
  private token?: string;
  private tokenExpiresAt = 0;

  constructor(
    readonly baseUrl: string,
    readonly credentials: Credentials,
    private readonly options: ClientOptions,
  ) {}

  get hasToken(): boolean {
    return this.token !== undefined;
  }

  /** Values that must never be printed. */
  get secrets(): string[] {
    return [this.credentials.secret, this.token ?? ''].filter((s) => s.length >= 4);
  }

  /** POST /token with the client credentials; keeps the token for the calls that follow. */
  async fetchToken(): Promise<Exchange> {
    const exchange = await this.send(this.build(TOKEN_TARGET, { pathParams: {}, query: {}, headers: {}, body: { grant_type: 'client_credentials' } }));
    if (exchange.status === 200) {
      try {
        const body = JSON.parse(exchange.bodyText) as { access_token?: unknown; expires_in?: unknown };
        if (typeof body.access_token === 'string') {
          this.token = body.access_token;
          this.tokenExpiresAt = Date.now() + (typeof body.expires_in === 'number' ? body.expires_in : 900) * 1000;
        }
      } catch {
        // The answer check reports a token answer that is not JSON.
      }
    }
    return exchange;
  }

  /** Builds and sends one request, renewing the token first when it is about to expire. */
  async call(target: Target, draft: Draft): Promise<Exchange> {
    if (this.token && Date.now() > this.tokenExpiresAt - 30_000) await this.fetchToken();
    return this.send(this.build(target, draft));
  }

  build(target: Target, draft: Draft): SentRequest {
    const path = target.pathTemplate.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(String(draft.pathParams[name] ?? '')));
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(draft.query)) if (v !== undefined) query.append(k, String(v));
    const pathAndQuery = path + (query.size ? `?${query}` : '');

    const { apikey, secret, clientId } = this.credentials;
    const headers: Record<string, string> = { apikey, 'X-ClientID': clientId };
    if (target.security.some((s) => s.type === 'http' && s.scheme === 'basic')) {
      headers.Authorization = `Basic ${Buffer.from(`${apikey}:${secret}`).toString('base64')}`;
    } else if (this.token) {
      headers.Authorization = `Bearer ${this.token}`;
    }
    let bodyText: string | undefined;
    if (draft.body !== undefined) {
      const mediaType = target.requestBody?.mediaType ?? 'application/json';
      headers['Content-Type'] = mediaType;
      bodyText = mediaType === 'application/x-www-form-urlencoded' ? formText(draft.body) : toJsonText(draft.body);
    }
    for (const [name, value] of Object.entries(draft.headers)) {
      const existing = Object.keys(headers).find((h) => h.toLowerCase() === name.toLowerCase());
      if (existing) delete headers[existing];
      if (value !== null) headers[name] = value;
    }
    if (this.options.sign && !Object.keys(headers).some((h) => h.toLowerCase() === 'signature')) {
      const requestId = headers['X-Client-Request-Id'] ?? randomUUID();
      const timestamp = headers.Timestamp ?? String(Date.now());
      Object.assign(headers, { 'X-Client-Request-Id': requestId, Timestamp: timestamp, Signature: signRequest(secret, apikey, requestId, timestamp, bodyText ?? '') });
    }
    return { method: target.method, path: pathAndQuery, url: this.baseUrl.replace(/\/+$/, '') + pathAndQuery, headers, bodyText };
  }

  async send(request: SentRequest): Promise<Exchange> {
    try {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        body: request.bodyText,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => (headers[name.toLowerCase()] = value));
      return { request, status: res.status, headers, bodyText: await res.text() };
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      return { request, status: 0, headers: {}, bodyText: '', error: cause?.code ?? cause?.message ?? (err as Error).message };
    }
  }
}

function formText(body: unknown): string {
  const form = new URLSearchParams();
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) form.append(k, typeof v === 'object' ? JSON.stringify(v) : String(v));
  return form.toString();
}
