// The part of autocannon's API the load generator uses (the package ships no types).
declare module 'autocannon' {
  import type { EventEmitter } from 'node:events';

  export interface RequestParams {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  export interface Request extends RequestParams {
    setupRequest?: (request: RequestParams, context: object) => RequestParams;
  }

  export interface Options extends RequestParams {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    requests?: Request[];
  }

  /** Emits 'response' (client, status, bytes, ms) and 'reqError' (error) as they happen; settles when the run ends. */
  export interface Instance extends EventEmitter, PromiseLike<unknown> {
    stop(): void;
  }

  function autocannon(options: Options): Instance;
  export default autocannon;
}
