// The client's side of the sandbox's access rules: a cached bearer token, the fixed headers, the
// HMAC signature, and one retry when the sandbox turns a request away for a reason the client can
// fix itself (an expired token, a signature it did not know was required).
import { randomUUID } from 'node:crypto';
import createClient from 'openapi-fetch';
import { signRequest } from '../auth/request-signature.js';
import type { paths } from '../generated/openapi.js';
import { SandboxApiError } from './sandbox-api-error.js';

export interface AccessOptions {
  baseUrl: string;
  apikey: string;
  /** The client secret. Needed for tokens and signatures; leave it out only against SANDBOX_AUTH=relaxed. */
  secret?: string;
  clientId: string;
  /** true signs every request, false none; 'auto' (the default) starts signing once the sandbox asks for it (SBX401G). */
  sign?: boolean | 'auto';
  /** The clock for token expiry and signature timestamps, in epoch milliseconds. */
  now?: () => number;
  fetch?: typeof globalThis.fetch;
}

/** A token is replaced this long before it runs out, so no request leaves with a dying one. */
export const REFRESH_MARGIN_MS = 60_000;

class TokenSource {
  private token?: string;
  private expiresAt = 0;
  private pending?: Promise<string>;

  constructor(private readonly options: AccessOptions & { secret: string }) {}

  get(): Promise<string> {
    const now = this.options.now ?? Date.now;
    if (this.token && now() < this.expiresAt - REFRESH_MARGIN_MS) return Promise.resolve(this.token);
    // Calls made while a token is on its way share it instead of asking for one each.
    this.pending ??= this.fetchToken().finally(() => (this.pending = undefined));
    return this.pending;
  }

  drop() {
    this.token = undefined;
  }

  private async fetchToken(): Promise<string> {
    const { baseUrl, apikey, secret } = this.options;
    const now = this.options.now ?? Date.now;
    const askedAt = now();
    const { data, error, response } = await createClient<paths>({ baseUrl, fetch: this.options.fetch }).POST('/token', {
      body: { grant_type: 'client_credentials' },
      headers: {
        apikey,
        Authorization: `Basic ${Buffer.from(`${apikey}:${secret}`).toString('base64')}`,
        'Content-Type': 'application/x-www-form-urlencoded',
      },
    });
    if (!data) throw SandboxApiError.from(response.status, error);
    this.token = data.access_token;
    this.expiresAt = askedAt + data.expires_in * 1000;
    return data.access_token;
  }
}

async function errorCode(response: Response): Promise<string | undefined> {
  try {
    return (await response.clone().json())?.errors?.[0]?.code;
  } catch {
    return undefined;
  }
}

/** A fetch that sends each request the way the sandbox wants it, for openapi-fetch to call. */
export function authorizedFetch(options: AccessOptions): (request: Request) => Promise<Response> {
  const { apikey, secret, clientId } = options;
  const baseFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? Date.now;
  const tokens = secret ? new TokenSource({ ...options, secret }) : undefined;
  let signing = options.sign === true;

  return async (request) => {
    // Read once: a retry sends the same bytes, and the signature is computed over exactly these.
    const body = await request.text();
    let retriedToken = false;
    let retriedSigned = false;
    for (;;) {
      const headers = new Headers(request.headers);
      headers.set('apikey', apikey);
      headers.set('X-ClientID', clientId);
      if (tokens) headers.set('Authorization', `Bearer ${await tokens.get()}`);
      if (signing && secret) {
        const requestId = randomUUID();
        const timestamp = String(now());
        headers.set('X-Client-Request-Id', requestId);
        headers.set('Timestamp', timestamp);
        headers.set('Signature', signRequest(secret, apikey, requestId, timestamp, body));
      }
      const response = await baseFetch(new Request(request.url, { method: request.method, headers, body: body === '' ? undefined : body, signal: request.signal }));
      if (response.status !== 401) return response;
      const code = await errorCode(response);
      // Expired, or signed by a sandbox that has restarted since: a new token fixes either.
      if (tokens && !retriedToken && (code === 'SBX401E' || code === 'SBX401X')) {
        retriedToken = true;
        tokens.drop();
        continue;
      }
      if (secret && !signing && !retriedSigned && (options.sign ?? 'auto') === 'auto' && code === 'SBX401G') {
        retriedSigned = true;
        signing = true;
        continue;
      }
      return response;
    }
  };
}
