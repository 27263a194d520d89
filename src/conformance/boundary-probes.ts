// Boundary probes: take a request the server has just accepted, move one of its numeric or
// enumerated fields to an edge of what the schema allows, and send it again. A 400 then means the
// server refuses a value its own schema allows. Only fields the accepted request carries are
// moved, so a rule tying two fields together rarely comes into play; when a refused value is
// refused exactly as leaving the field out is (0 meaning "not given" where another field needs
// it), the refusal comes from such a rule, which a schema cannot state, and is not held against
// the server.
import { bareNumber } from './json-text.js';
import type { Draft } from './request-draft.js';
import { branchesOf, fieldsOf, getAt, isBigIntegerBranch, pathText, setAt } from './schema-shape.js';
import type { Operation, Schema } from './spec.js';

export interface Probe {
  label: string;
  draft: Draft;
  /** The starting request without the probed field, when the schema lets it be left out. */
  without?: Draft;
}

const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
/** The first integer JavaScript cannot hold exactly; a JSON number may still be it. */
const BEYOND_2_53 = '9007199254740993';

interface Edge {
  value: unknown;
  why: string;
}

/** The values at the edges of what a leaf schema allows: each enum value, the minimum, the middle, the maximum. */
function edgesOf(schema: Schema): Edge[] {
  const edges: Edge[] = [];
  for (const b of branchesOf(schema)) {
    if (Array.isArray(b.enum)) {
      for (const v of b.enum) edges.push({ value: v, why: `one of the enum ${JSON.stringify(b.enum)}` });
    } else if (b.type === 'integer' && !isBigIntegerBranch(b)) {
      const int32 = b.format === 'int32';
      const min = typeof b.exclusiveMinimum === 'number' ? b.exclusiveMinimum + 1 : b.minimum ?? (int32 ? INT32.min : undefined);
      const max = typeof b.exclusiveMaximum === 'number' ? b.exclusiveMaximum - 1 : b.maximum ?? (int32 ? INT32.max : undefined);
      if (min !== undefined) edges.push({ value: min, why: b.minimum !== undefined ? `the minimum ${min}` : 'the smallest int32' });
      // A value well inside the range catches servers that only know part of it: the middle of a
      // declared range, or just above a minimum that has no declared maximum.
      if (b.minimum !== undefined && b.maximum !== undefined && max! - min! > 1) edges.push({ value: Math.floor((min! + max!) / 2), why: `inside ${min}..${max}` });
      else if (b.minimum !== undefined && b.maximum === undefined) edges.push({ value: min! + 1, why: `just above the minimum ${min}` });
      if (max !== undefined) edges.push({ value: max, why: b.maximum !== undefined ? `the maximum ${max}` : 'the largest int32' });
    } else if (b.type === 'number') {
      if (b.minimum !== undefined) edges.push({ value: b.minimum, why: `the minimum ${b.minimum}` });
      if (b.maximum !== undefined) edges.push({ value: b.maximum, why: `the maximum ${b.maximum}` });
    }
  }
  const seen = new Set<string>();
  return edges.filter((e) => !seen.has(JSON.stringify(e.value)) && seen.add(JSON.stringify(e.value)));
}

const unboundedNumber = (schema: Schema) => branchesOf(schema).some((b) => b.type === 'number' && b.minimum === undefined && b.maximum === undefined);

export function boundaryProbes(op: Operation, base: Draft): Probe[] {
  const probes: Probe[] = [];
  if (op.requestBody && base.body !== undefined) {
    for (const field of fieldsOf(op.requestBody.schema, base.body)) {
      const current = getAt(base.body, field.path);
      const name = pathText(field.path);
      if (current !== undefined) {
        for (const edge of edgesOf(field.schema)) {
          if (JSON.stringify(edge.value) === JSON.stringify(current)) continue;
          probes.push({
            label: `${name} = ${JSON.stringify(edge.value)} (${edge.why})`,
            draft: { ...base, body: setAt(base.body, field.path, edge.value) },
            without: field.required ? undefined : { ...base, body: setAt(base.body, field.path, undefined) },
          });
        }
      }
      // Numbers are exact in JSON: an amount beyond 2^53 is as valid as any other, present or not.
      if (unboundedNumber(field.schema)) {
        probes.push({ label: `${name} = ${BEYOND_2_53} (an integer-valued number beyond 2^53)`, draft: { ...base, body: setAt(base.body, field.path, bareNumber(BEYOND_2_53)) } });
      }
    }
  }
  for (const p of op.parameters) {
    if (p.in !== 'query' && p.in !== 'path') continue;
    const where = p.in === 'query' ? 'query' : 'pathParams';
    if (base[where][p.name] === undefined && p.in === 'path') continue;
    for (const edge of edgesOf(p.schema)) {
      if (JSON.stringify(edge.value) === JSON.stringify(base[where][p.name])) continue;
      probes.push({
        label: `${p.in} ${p.name} = ${JSON.stringify(edge.value)} (${edge.why})`,
        draft: { ...base, [where]: { ...base[where], [p.name]: edge.value } },
        without: p.required ? undefined : { ...base, [where]: { ...base[where], [p.name]: undefined } },
      });
    }
  }
  return probes;
}
