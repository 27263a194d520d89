// A typed client of the sandbox, built with openapi-fetch on the types generated from openapi.yaml:
//
//   const api = createSandboxClient({ baseUrl, apikey: 'demo-apikey', secret: 'demo-secret', clientId: '00970' });
//   const { customerNumber } = await api.POST('/customer', { body });
//
// Each call answers the envelope's `data` or throws a SandboxApiError. Tokens, the apikey and
// X-ClientID headers and signatures are handled underneath (see access.ts), so the generated
// header parameters are left out of the call types.
import createClient, { type Client, type ClientPathsWithMethod, type FetchResponse, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from '../generated/openapi.js';
import { authorizedFetch, type AccessOptions } from './access.js';
import { SandboxApiError } from './sandbox-api-error.js';

export { SandboxApiError, type ErrorItem } from './sandbox-api-error.js';
export { REFRESH_MARGIN_MS } from './access.js';

export type SandboxClientOptions = AccessOptions;

type HttpMethod = 'get' | 'put' | 'post';

/** `string | number` narrowed to `string`: a JavaScript number cannot hold a 19-digit identifier. */
type Exact<T> = [string | number] extends [NonNullable<T>] ? string | Exclude<T, string | number> : T;

/** A request body whose `…Number` identifiers must be strings (the contract accepts both). */
type StringIdentifiers<T> = T extends readonly (infer E)[]
  ? StringIdentifiers<E>[]
  : T extends object
    ? { [K in keyof T]: K extends `${string}Number` ? Exact<T[K]> : StringIdentifiers<T[K]> }
    : T;

type ClientOperation<Op> = {
  [K in keyof Op]: K extends 'parameters'
    ? Omit<Op[K], 'header'> & { header?: never }
    : K extends 'requestBody'
      ? StringIdentifiers<Op[K]>
      : Op[K];
};

/** The generated paths as this client takes them: no header parameters, identifiers as strings. */
export type SandboxPaths = {
  [P in keyof paths]: { [M in keyof paths[P]]: M extends HttpMethod ? ClientOperation<paths[P][M]> : paths[P][M] };
};

type Envelope<Success> = Success extends { hasError: false; data: infer D } ? D : Success;

/** What a call of `method` on `path` resolves to: the envelope's data (the token call has no envelope). */
export type Answer<P extends keyof SandboxPaths, M extends HttpMethod> = SandboxPaths[P][M] extends Record<string | number, any>
  ? Envelope<NonNullable<FetchResponse<SandboxPaths[P][M], {}, 'application/json'>['data']>>
  : never;

type RequiredKeys<T> = { [K in keyof T]: {} extends Pick<T, K> ? never : K }[keyof T];
type InitArgs<Init> = [RequiredKeys<Init>] extends [never | undefined] ? [init?: Init] : [init: Init];

type Call<M extends HttpMethod> = <
  P extends ClientPathsWithMethod<Client<SandboxPaths>, M>,
  Init extends MaybeOptionalInit<SandboxPaths[P], M>,
>(
  path: P,
  ...init: InitArgs<Init>
) => Promise<Answer<P, M>>;

export interface SandboxClient {
  GET: Call<'get'>;
  POST: Call<'post'>;
  PUT: Call<'put'>;
  /** The openapi-fetch client underneath (same token, headers and signing), for the raw Response. */
  readonly fetchClient: Client<SandboxPaths>;
}

/** JSON, refusing integers past 2^53: such a number has already lost digits before it is sent. */
function serializeBody(body: unknown): string {
  return JSON.stringify(body, (key, value) => {
    if (typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new TypeError(`${key}: ${value} is too large for a JavaScript number and has lost digits; send identifiers as strings`);
    }
    return value;
  });
}

export function createSandboxClient(options: SandboxClientOptions): SandboxClient {
  const fetchClient = createClient<SandboxPaths>({
    baseUrl: options.baseUrl,
    fetch: authorizedFetch(options),
    bodySerializer: serializeBody,
  });
  const call =
    (method: 'GET' | 'POST' | 'PUT') =>
    async (path: string, init?: object): Promise<any> => {
      const send = fetchClient[method] as (path: string, init?: object) => Promise<{ data?: any; error?: unknown; response: Response }>;
      const { data, error, response } = await send(path, init);
      if (!response.ok) throw SandboxApiError.from(response.status, error);
      return data && typeof data === 'object' && 'hasError' in data ? data.data : data;
    };
  return { GET: call('GET'), POST: call('POST'), PUT: call('PUT'), fetchClient } as SandboxClient;
}
