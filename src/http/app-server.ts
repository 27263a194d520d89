// Express 5 gives each request and each answer its app's prototype as it arrives (Object.setPrototypeOf
// in app.handle). V8 then gives every one of them a hidden class of its own as soon as a property is
// added, so each property read of a request or an answer, in Express, in the validator and in the
// sandbox, missed its inline cache and was looked up the slow way: about a third of an answer's
// time. Here the HTTP server makes its requests and answers with the app's prototypes already
// (Node's documented IncomingMessage and ServerResponse options), so Express finds nothing to
// change (setting the prototype an object already has is a no-op) and requests share hidden classes.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { Express } from 'express';

// Node defines both as plain functions, so each is called on an object made with the app's
// prototype. (Reflect.construct with new.target made them too, but several times slower to build.)
type Initialiser = (this: object, ...args: unknown[]) => void;
const initRequest = http.IncomingMessage as unknown as Initialiser;
const initAnswer = http.ServerResponse as unknown as Initialiser;

function requestsOf(app: Express): typeof http.IncomingMessage {
  function Request(this: http.IncomingMessage, socket: Socket) {
    initRequest.call(this, socket);
  }
  Request.prototype = app.request;
  return Request as unknown as typeof http.IncomingMessage;
}

function answersOf(app: Express): typeof http.ServerResponse {
  function Answer(this: http.ServerResponse, req: http.IncomingMessage, options?: object) {
    initAnswer.call(this, req, options);
  }
  Answer.prototype = app.response;
  return Answer as unknown as typeof http.ServerResponse;
}

/** An HTTP server for `app` whose requests and answers start out with the app's prototypes. */
export function serverFor(app: Express): http.Server {
  return http.createServer(
    {
      IncomingMessage: requestsOf(app),
      ServerResponse: answersOf(app),
    },
    app,
  );
}

type ListenArgs = [port?: number, host?: string, done?: (err?: Error) => void] | unknown[];

/**
 * Makes `app.listen` listen on serverFor(app), otherwise as Express 5's does: the callback, when
 * given, is called once, with the error if the server cannot listen.
 */
export function listenOnAppServer(app: Express): void {
  app.listen = function listen(...args: ListenArgs) {
    const server = serverFor(app);
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      let called = false;
      const done = (err?: Error) => {
        if (called) return;
        called = true;
        (last as (err?: Error) => void)(err);
      };
      args[args.length - 1] = done;
      server.once('error', done);
    }
    return server.listen(...(args as Parameters<http.Server['listen']>));
  } as Express['listen'];
}
