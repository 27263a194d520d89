// What each kind of request must get back, on top of the answer being within the contract.
import type { AnswerChecker } from './answer-check.js';
import type { Exchange } from './client.js';
import { parseJson } from './json-text.js';
import type { Draft } from './request-draft.js';

export type Kind = 'example' | 'valid' | 'boundary' | 'invalid' | 'journey' | 'routing';

export interface Outcome {
  operationId: string;
  kind: Kind;
  label: string;
  /** The request as generated, when it came from a draft. */
  draft?: Draft;
  exchange: Exchange;
  /** The server broke the contract. */
  violations: string[];
  /** Within the contract, but what the journey expected of the server's state did not hold. */
  gaps: string[];
  /** The parsed answer, when it was JSON. */
  body?: any;
}

export interface VerdictOptions {
  /** The error codes a server uses for "the request breaks the schema" (the sandbox's SBX400V). */
  validationCodes: string[];
}

/** How a boundary probe's refusal starts, so a later finding can withdraw it. */
export const REFUSED_VALUE = 'the schema allows this value, but the server refused it';

export const errorCode = (body: any): string | undefined => firstError(body).code;

function firstError(body: any): { code?: string; description?: string } {
  const first = Array.isArray(body?.errors) ? body.errors[0] : undefined;
  return first && typeof first === 'object' ? first : {};
}

const refusal = (status: number, body: any) => {
  const { code, description } = firstError(body);
  return [status, code, description].filter(Boolean).join(' ');
};

function isErrorEnvelope(body: any): boolean {
  return (
    body?.hasError === true &&
    Array.isArray(body.errors) &&
    body.errors.length > 0 &&
    body.errors.every((e: any) => typeof e?.code === 'string' && typeof e?.description === 'string')
  );
}

export function judge(kind: Kind, exchange: Exchange, checker: AnswerChecker, options: VerdictOptions): { violations: string[]; body?: any } {
  const { status } = exchange;
  if (status === 0) return { violations: [`no answer: ${exchange.error}`] };
  const violations = checker.problems({ method: exchange.request.method, url: exchange.request.path, status, headers: exchange.headers, bodyText: exchange.bodyText });
  const parsed = parseJson(exchange.bodyText);
  const body = parsed.ok ? (parsed.value as any) : undefined;
  const refusedAsInvalid = status === 400 && options.validationCodes.includes(firstError(body).code ?? '');

  // Every request but the invalid ones carries this run's valid credentials.
  if ((status === 401 || status === 403) && kind !== 'invalid' && kind !== 'routing') {
    violations.push(`a request with this run's valid credentials was refused: ${refusal(status, body)}`);
  }
  if (status >= 500 && kind !== 'routing') violations.push(`a ${kind === 'invalid' ? 'request' : 'valid request'} must never make the server fail: got ${refusal(status, body)}`);
  switch (kind) {
    case 'example':
      if (refusedAsInvalid) violations.push(`the contract's own example was refused as breaking the contract: ${refusal(status, body)}`);
      else if (status >= 300 && status < 400) violations.push(`the contract's own example must be accepted, got ${status}`);
      break;
    case 'valid':
    case 'journey':
      if (refusedAsInvalid) violations.push(`a request the schema allows was refused as breaking it: ${refusal(status, body)}`);
      break;
    case 'boundary':
      if (status === 400) violations.push(`${REFUSED_VALUE}: ${refusal(status, body)}`);
      break;
    case 'invalid':
      if (status < 400) violations.push(`a request that breaks the schema must be refused with a 4xx, got ${status}`);
      else if (status < 500 && !isErrorEnvelope(body)) {
        violations.push('the refusal must be the error envelope {hasError: true, errors: [{code, description}], data: null}');
      }
      break;
    case 'routing':
      if (status >= 500) violations.push(`the server failed instead of answering 404/405: got ${refusal(status, body)}`);
      break;
  }
  return { violations: [...new Set(violations)], body };
}
