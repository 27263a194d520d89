// Invalid requests: a valid request with exactly one schema rule broken (wrong type, outside an
// enum, below the minimum, above the maximum, over maxLength, pattern broken, required field
// missing). Each candidate is checked to be invalid before it is sent.
import { bareNumber } from './json-text.js';
import { Rng, seedFor } from './random.js';
import { draftProblems, type Draft } from './request-draft.js';
import { branchesOf, fieldsOf, getAt, isBigIntegerBranch, pathText, setAt, typeOf } from './schema-shape.js';
import type { SchemaValidator } from './schema-validator.js';
import type { Operation, Schema } from './spec.js';

export const RULES = ['type', 'enum', 'minimum', 'maximum', 'maxLength', 'pattern', 'required'] as const;
export type Rule = (typeof RULES)[number];

export interface Breakage {
  rule: Rule;
  label: string;
  draft: Draft;
}

interface BrokenValue {
  rule: Rule;
  value: unknown;
  why: string;
}

const typesAllowed = (branches: Schema[]) => new Set(branches.map((b) => typeOf(b) ?? 'any'));

function wrongType(branches: Schema[]): BrokenValue | undefined {
  const allowed = typesAllowed(branches);
  if (allowed.has('any')) return undefined;
  const numeric = allowed.has('integer') || allowed.has('number');
  if (allowed.has('string') && !numeric) return { rule: 'type', value: 12345, why: 'a number where the schema wants a string' };
  if (numeric && !allowed.has('string')) return { rule: 'type', value: 'not-a-number', why: 'a string where the schema wants a number' };
  if (!allowed.has('boolean')) return { rule: 'type', value: true, why: `a boolean where the schema wants ${[...allowed].join(' or ')}` };
  return undefined;
}

function outsideEnum(branches: Schema[]): BrokenValue | undefined {
  if (!branches.every((b) => Array.isArray(b.enum))) return undefined;
  const values = branches.flatMap((b) => b.enum as unknown[]);
  if (values.every((v) => typeof v === 'number')) {
    return { rule: 'enum', value: Math.max(...(values as number[])) + 1, why: `outside the enum ${JSON.stringify(values)}` };
  }
  const candidate = ['Z', 'Q', 'X', 'ZZ', 'not-in-enum'].find((c) => !values.includes(c));
  return { rule: 'enum', value: candidate, why: `outside the enum ${JSON.stringify(values)}` };
}

function outOfRange(branches: Schema[]): BrokenValue[] {
  const numeric = branches.filter((b) => b.type === 'integer' || b.type === 'number');
  if (numeric.length === 0) return [];
  const out: BrokenValue[] = [];
  if (numeric.every((b) => typeof b.minimum === 'number')) {
    const min = Math.min(...numeric.map((b) => b.minimum));
    const below = numeric.every((b) => b.type === 'integer') ? min - 1 : min - 0.5;
    out.push({ rule: 'minimum', value: below, why: `below the minimum ${min}` });
  }
  if (numeric.every((b) => typeof b.maximum === 'number')) {
    const max = Math.max(...numeric.map((b) => b.maximum));
    // Beyond 2^53 the maximum itself is rounded, so go a whole digit past it.
    const above = numeric.some(isBigIntegerBranch) ? bareNumber('9'.repeat(BigInt(Math.round(max)).toString().length)) : numeric.every((b) => b.type === 'integer') ? max + 1 : max + 0.5;
    out.push({ rule: 'maximum', value: above, why: `above the maximum ${max > Number.MAX_SAFE_INTEGER ? `(about ${max.toExponential()})` : max}` });
  }
  return out;
}

function stringBreakers(branches: Schema[]): BrokenValue[] {
  const strings = branches.filter((b) => b.type === 'string' && !Array.isArray(b.enum));
  const out: BrokenValue[] = [];
  for (const b of strings) {
    const pattern = b.pattern ? new RegExp(b.pattern, 'u') : undefined;
    if (typeof b.maxLength === 'number') {
      const fill = ['9', 'A', 'a', 'x'].map((c) => c.repeat(b.maxLength + 1)).find((s) => !pattern || pattern.test(s));
      if (fill) out.push({ rule: 'maxLength', value: fill, why: `${b.maxLength + 1} characters, over maxLength ${b.maxLength}` });
    }
    if (pattern) {
      const broken = ['x!', '!', 'not valid', '-', ''].find((s) => !pattern.test(s) && s.length <= (b.maxLength ?? Infinity) && s.length >= (b.minLength ?? 0));
      if (broken !== undefined) out.push({ rule: 'pattern', value: broken, why: `does not match the pattern ${b.pattern}` });
    }
  }
  return out;
}

function brokenValues(schema: Schema): BrokenValue[] {
  const branches = branchesOf(schema);
  return [wrongType(branches), outsideEnum(branches), ...outOfRange(branches), ...stringBreakers(branches)].filter((x): x is BrokenValue => x !== undefined);
}

function candidates(op: Operation, base: Draft): Breakage[] {
  const out: Breakage[] = [];
  if (op.requestBody && base.body !== undefined) {
    for (const field of fieldsOf(op.requestBody.schema, base.body)) {
      const name = pathText(field.path);
      for (const broken of brokenValues(field.schema)) {
        out.push({ rule: broken.rule, label: `${name} = ${short(broken.value)}: ${broken.why}`, draft: { ...base, body: setAt(base.body, field.path, broken.value) } });
      }
      if (field.required && getAt(base.body, field.path) !== undefined) {
        out.push({ rule: 'required', label: `${name} left out: it is required`, draft: { ...base, body: setAt(base.body, field.path, undefined) } });
      }
    }
  }
  for (const p of op.parameters) {
    if (p.in === 'cookie') continue;
    const where = p.in === 'path' ? 'pathParams' : p.in === 'query' ? 'query' : 'headers';
    // Path and header values are text on the wire, so a wrong JSON type cannot be expressed there.
    for (const broken of brokenValues(p.schema).filter((b) => p.in === 'query' || (b.rule !== 'type' && typeof b.value === 'string'))) {
      if (p.in === 'path' && broken.value === '') continue;
      out.push({ rule: broken.rule, label: `${p.in} ${p.name} = ${short(broken.value)}: ${broken.why}`, draft: { ...base, [where]: { ...base[where], [p.name]: broken.value } } });
    }
    if (p.required && p.in !== 'path') {
      out.push({ rule: 'required', label: `${p.in} ${p.name} left out: it is required`, draft: { ...base, [where]: { ...base[where], [p.name]: p.in === 'header' ? null : undefined } } });
    }
  }
  return out;
}

const short = (v: unknown) => {
  const text = typeof v === 'object' && v !== null && 'value' in v ? String((v as { value: string }).value) : JSON.stringify(v);
  return text.length > 24 ? `${text.slice(0, 12)}…(${text.length} chars)` : text;
};

/** Up to `count` invalid requests, taking the rules in turn so that every kind of break is tried. */
export function invalidRequests(op: Operation, base: Draft, count: number, seed: number, validator: SchemaValidator): Breakage[] {
  const rng = new Rng(seedFor(seed, op.operationId, 'invalid'));
  const broken = candidates(op, base).filter((c) => draftProblems(op, c.draft, validator).length > 0);
  const byRule = new Map(RULES.map((r) => [r, rng.shuffle(broken.filter((c) => c.rule === r))]));
  const chosen: Breakage[] = [];
  while (chosen.length < count && [...byRule.values()].some((l) => l.length)) {
    // A fresh order each round, so a small count still meets every kind of break across seeds.
    for (const rule of rng.shuffle(RULES)) {
      const next = byRule.get(rule)!.shift();
      if (next && chosen.length < count) chosen.push(next);
    }
  }
  return chosen;
}
