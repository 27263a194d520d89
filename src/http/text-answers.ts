// JSON answers leave as text. Express's res.send turns any body of 1 000 characters or more into a
// Buffer to learn its length, and the request journal then copies that Buffer (a writer may reuse
// a Buffer's memory; a string cannot change). Here a JSON answer's length is counted from the text
// and the text itself goes to Node, which joins it to the headers: no Buffer is made or copied per
// answer. Everything else (other types, HEAD, conditional requests, statuses without a body, an
// app that makes ETags) goes through Express's own send unchanged.
import type { Express, Response } from 'express';

const JSON_TYPE = 'application/json';
const JSON_TYPE_UTF8 = 'application/json; charset=utf-8';

/** Replaces `app`'s res.send with one that sends JSON text as text. */
export function sendJsonAsText(app: Express) {
  const send = app.response.send;
  app.response.send = function sendText(this: Response, body?: unknown) {
    const { req } = this;
    const type = this.getHeader('Content-Type');
    if (
      typeof body !== 'string' ||
      (type !== JSON_TYPE && type !== JSON_TYPE_UTF8) ||
      req.method === 'HEAD' ||
      req.headers['if-none-match'] !== undefined ||
      req.headers['if-modified-since'] !== undefined ||
      this.statusCode === 204 ||
      this.statusCode === 205 ||
      this.statusCode === 304 ||
      // An app that makes ETags makes them from the body Express's send sees.
      typeof app.get('etag fn') === 'function'
    ) {
      return send.call(this, body);
    }
    this.setHeader('Content-Type', JSON_TYPE_UTF8);
    this.setHeader('Content-Length', Buffer.byteLength(body));
    this.end(body, 'utf8');
    return this;
  };
}
