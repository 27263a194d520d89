// A failing request as a curl command a partner can paste, with every secret blanked out.
import type { SentRequest } from './client.js';

const REDACTED = '<redacted>';
const SECRET_HEADERS = new Set(['authorization', 'signature', 'proxy-authorization', 'cookie']);

/** POSIX single quoting: the only character needing care inside '...' is ' itself. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function redactHeader(name: string, value: string): string {
  if (!SECRET_HEADERS.has(name.toLowerCase())) return value;
  const scheme = /^(Bearer|Basic)\s/i.exec(value)?.[1];
  return scheme ? `${scheme} ${REDACTED}` : REDACTED;
}

export function toCurl(request: SentRequest, secrets: string[] = []): string {
  const parts = ['curl', '-sS', '-X', request.method, quote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${redactHeader(name, value)}`));
  if (request.bodyText !== undefined) parts.push('--data-raw', quote(request.bodyText));
  let text = parts.join(' ');
  for (const secret of secrets) if (secret) text = text.split(secret).join(REDACTED);
  return text;
}
