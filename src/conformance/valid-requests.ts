// Valid requests generated from the request schemas with json-schema-faker, seeded, then given
// exact numbers where the schema reaches beyond 2^53 (JavaScript numbers cannot carry those).
import { generateSync } from 'json-schema-faker';
import { bareNumber } from './json-text.js';
import { Rng, seedFor } from './random.js';
import { draftProblems, emptyDraft, type Draft } from './request-draft.js';
import { branchesOf, isBigIntegerBranch, merged, typeOf } from './schema-shape.js';
import type { SchemaValidator } from './schema-validator.js';
import type { Operation, Schema } from './spec.js';

const ATTEMPTS = 5;

const fake = (schema: Schema, seed: number) => generateSync(schema, { seed, optionalsProbability: 0.5, maxDefaultItems: 2 });

/**
 * Identifiers of up to 19 digits get exact random digits, and an unbounded `type: number` now and
 * then gets an integer beyond 2^53: both are valid JSON numbers the contract allows.
 */
export function withExactNumbers(schema: Schema, value: unknown, rng: Rng): unknown {
  const branches = branchesOf(merged(schema));
  if (Array.isArray(value)) {
    const items = branches.find((b) => typeOf(b) === 'array')?.items ?? {};
    return value.map((v) => withExactNumbers(items, v, rng));
  }
  if (value && typeof value === 'object') {
    const obj = branches.find((b) => typeOf(b) === 'object') ?? {};
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => {
        const child = obj.properties?.[k] ?? (typeof obj.additionalProperties === 'object' ? obj.additionalProperties : {});
        return [k, withExactNumbers(child, v, rng)];
      }),
    );
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && branches.some(isBigIntegerBranch)) return bareNumber(rng.digits(rng.int(1, 19), 8));
    const unbounded = branches.some((b) => b.type === 'number' && b.minimum === undefined && b.maximum === undefined);
    if (unbounded && rng.next() < 0.25) return bareNumber(rng.digits(rng.int(16, 20)));
  }
  return value;
}

/** `count` valid requests for the operation; the same seed gives the same requests. */
export function validRequests(op: Operation, count: number, seed: number, validator: SchemaValidator): Draft[] {
  const drafts: Draft[] = [];
  for (let i = 0; i < count; i++) {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const s = seedFor(seed, op.operationId, 'valid', String(i), String(attempt));
      const rng = new Rng(s);
      const draft = emptyDraft();
      for (const p of op.parameters) {
        // Header parameters are the client's business (identity, signature); generating them would only test auth.
        if (p.in === 'header' || p.in === 'cookie') continue;
        if (!p.required && rng.next() < 0.5) continue;
        const value = fake(p.schema, seedFor(s, p.name));
        (p.in === 'path' ? draft.pathParams : draft.query)[p.name] = value;
      }
      if (op.requestBody) draft.body = withExactNumbers(op.requestBody.schema, fake(op.requestBody.schema, s), rng);
      // json-schema-faker is not perfect on every keyword; only requests the contract allows are kept.
      if (draftProblems(op, draft, validator).length === 0) {
        drafts.push(draft);
        break;
      }
    }
  }
  return drafts;
}

/** The spec's own examples as requests: each body example, with the parameters' examples. */
export function exampleRequests(op: Operation): { name: string; draft: Draft }[] {
  const params = emptyDraft();
  for (const p of op.parameters) {
    if (p.example === undefined || p.in === 'header' || p.in === 'cookie') continue;
    (p.in === 'path' ? params.pathParams : params.query)[p.name] = p.example;
  }
  const missingPath = op.parameters.some((p) => p.in === 'path' && params.pathParams[p.name] === undefined);
  if (missingPath) return [];
  if (!op.requestBody) return [{ name: Object.keys(params.pathParams).length ? 'parameter examples' : 'the plain call', draft: params }];
  return op.requestBody.examples.map((ex) => ({ name: ex.name, draft: { ...params, body: ex.value } }));
}
