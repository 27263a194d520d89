// Questions about an inlined schema that request generation asks: what an allOf adds up to, which
// alternatives a oneOf offers, and which fields an object has.
import type { Schema } from './spec.js';

/** allOf folded into one schema: properties and required lists added up, the rest taken as given. */
export function merged(schema: Schema): Schema {
  if (!schema || !Array.isArray(schema.allOf)) return schema ?? {};
  const { allOf, ...rest } = schema;
  let out: Schema = {};
  for (const part of [...allOf.map(merged), rest]) {
    out = {
      ...out,
      ...part,
      ...(out.properties || part.properties ? { properties: { ...out.properties, ...part.properties } } : {}),
      ...(out.required || part.required ? { required: [...new Set([...(out.required ?? []), ...(part.required ?? [])])] } : {}),
    };
  }
  return out;
}

/** The alternatives a value may take: a oneOf/anyOf's branches, or the schema itself. */
export function branchesOf(schema: Schema): Schema[] {
  const s = merged(schema);
  const alternatives = s.oneOf ?? s.anyOf;
  if (!Array.isArray(alternatives)) return [s];
  return alternatives.flatMap((b: Schema) => branchesOf(b));
}

export function typeOf(schema: Schema): string | undefined {
  if (typeof schema.type === 'string') return schema.type;
  if (schema.properties) return 'object';
  if (schema.items) return 'array';
  if (Array.isArray(schema.enum) && schema.enum.length) return typeof schema.enum[0] === 'number' ? 'number' : typeof schema.enum[0];
  return undefined;
}

export const isObjectSchema = (schema: Schema) => {
  const s = merged(schema);
  return typeOf(s) === 'object' && !s.oneOf && !s.anyOf;
};

/** An integer branch reaching beyond 2^53 holds identifiers, which must travel as exact digits. */
export const isBigIntegerBranch = (b: Schema) => b.type === 'integer' && typeof b.maximum === 'number' && b.maximum > Number.MAX_SAFE_INTEGER;

export interface Field {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

/**
 * The fields of an object schema that `value` makes reachable: every property of every object
 * present in `value` (present or not), descending into nested objects and the first item of arrays.
 */
export function fieldsOf(schema: Schema, value: unknown, path: (string | number)[] = []): Field[] {
  const s = merged(schema);
  const out: Field[] = [];
  if (isObjectSchema(s) && value && typeof value === 'object' && !Array.isArray(value)) {
    const required = new Set<string>(s.required ?? []);
    for (const [name, child] of Object.entries<Schema>(s.properties ?? {})) {
      const childPath = [...path, name];
      out.push({ path: childPath, schema: merged(child), required: required.has(name) });
      const present = (value as Record<string, unknown>)[name];
      if (present !== undefined) out.push(...fieldsOf(child, present, childPath));
    }
  } else if (typeOf(s) === 'array' && Array.isArray(value) && value.length > 0) {
    out.push(...fieldsOf(s.items ?? {}, value[0], [...path, 0]));
  }
  return out;
}

export function getAt(value: unknown, path: (string | number)[]): unknown {
  return path.reduce<any>((at, key) => (at === undefined || at === null ? undefined : at[key]), value);
}

/** A deep copy of `value` with `path` set (or removed, for undefined); parents must exist. */
export function setAt<T>(value: T, path: (string | number)[], next: unknown): T {
  const copy = structuredCloneKeepingNumbers(value);
  if (path.length === 0) return next as T;
  const parent = getAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1];
  if (next === undefined) delete parent[key];
  else parent[key] = next;
  return copy;
}

/** structuredClone would turn LosslessNumber instances into plain objects. */
export function structuredCloneKeepingNumbers<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneKeepingNumbers) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneKeepingNumbers(v)])) as T;
  }
  return value;
}

export const pathText = (path: (string | number)[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') || '(body)';
