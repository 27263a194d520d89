// One Ajv over the whole document, so response schemas are checked where they are declared and
// their $refs resolve as the contract wrote them.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Schema } from './spec.js';

export interface SchemaValidator {
  /** The validator of the schema at a JSON pointer inside the document. */
  atPointer(pointer: string): ValidateFunction | undefined;
  /** The validator of a standalone (inlined) schema. */
  compile(schema: Schema): ValidateFunction;
}

export function createSchemaValidator(document: Schema): SchemaValidator {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isInteger(n) });
  ajv.addSchema(document, 'spec');
  const compiled = new WeakMap<Schema, ValidateFunction>();
  return {
    atPointer: (pointer) => ajv.getSchema(`spec#${pointer}`),
    compile(schema) {
      let fn = compiled.get(schema);
      if (!fn) compiled.set(schema, (fn = ajv.compile(schema)));
      return fn;
    },
  };
}

/** Ajv's errors as short sentences naming the field, e.g. `/data/customerNumber must be string`. */
export function describeErrors(errors: ErrorObject[] | null | undefined, limit = 8): string[] {
  const lines = (errors ?? []).map((e) => {
    const at = e.instancePath || '(root)';
    const p = e.params as Record<string, unknown>;
    const detail =
      e.keyword === 'additionalProperties' ? ` '${p.additionalProperty}'` : e.keyword === 'enum' ? ` ${JSON.stringify(p.allowedValues)}` : '';
    return `${at} ${e.message}${detail}`;
  });
  const unique = [...new Set(lines)];
  return unique.length > limit ? [...unique.slice(0, limit), `… and ${unique.length - limit} more`] : unique;
}
