// A request as the generators build it (values, not text yet), and the check that it is valid or
// invalid under the contract's request schemas.
import { approximate } from './json-text.js';
import type { SchemaValidator } from './schema-validator.js';
import type { Operation, Parameter } from './spec.js';

export interface Draft {
  pathParams: Record<string, unknown>;
  query: Record<string, unknown>;
  /** Header parameters the draft sets itself; null leaves out a header the client would send. */
  headers: Record<string, string | null>;
  /** The body as a value; exact numbers are LosslessNumber instances. Undefined: no body. */
  body?: unknown;
}

export const emptyDraft = (): Draft => ({ pathParams: {}, query: {}, headers: {} });

/** How a parameter's value is seen by a server: path and header values are always text. */
export const paramValueAsSent = (p: Parameter, value: unknown) => (p.in === 'query' ? value : String(value));

/** Every way the draft breaks the operation's request schemas; [] when it is valid. */
export function draftProblems(op: Operation, draft: Draft, validator: SchemaValidator): string[] {
  const problems: string[] = [];
  for (const p of op.parameters) {
    const where = p.in === 'path' ? draft.pathParams : p.in === 'query' ? draft.query : p.in === 'header' ? draft.headers : {};
    const value = (where as Record<string, unknown>)[p.name];
    // The client sends X-ClientID and the like itself, so an unset header parameter is not missing.
    if (value === undefined) {
      if (p.required && p.in !== 'header') problems.push(`${p.in} parameter ${p.name} is missing`);
      continue;
    }
    if (value === null) {
      if (p.required) problems.push(`${p.in} parameter ${p.name} is missing`);
      continue;
    }
    const validate = validator.compile(p.schema);
    if (!validate(typedQueryValue(p, paramValueAsSent(p, value)))) problems.push(`${p.in} parameter ${p.name} breaks its schema`);
  }
  const body = op.requestBody;
  if (body) {
    if (draft.body === undefined) {
      if (body.required) problems.push('the body is missing');
    } else if (!validator.compile(body.schema)(approximate(draft.body))) {
      problems.push('the body breaks its schema');
    }
  }
  return problems;
}

/** A query value as a validator that coerces query strings would see it. */
function typedQueryValue(p: Parameter, value: unknown): unknown {
  if (p.in !== 'query' || typeof value !== 'string') return value;
  const type = p.schema.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value;
}
