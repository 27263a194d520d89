// The platform answers every field of a record, with zeros and blanks where nothing applies; the
// handlers answer only what they know. This fills the rest from the contract: each field that an
// operation's success schema requires and the handler left out gets its type's zero (0, '', false,
// [], or an object filled the same way), so the answer a partner maps is always complete.
type Schema = Record<string, any>;
type Fill = (value: unknown) => unknown;

const keep: Fill = (v) => v;

export function createAnswerCompleter(spec: Schema) {
  const resolve = (s: Schema): Schema => {
    let out = s;
    while (out?.$ref) out = out.$ref.split('/').slice(1).reduce((node: Schema, key: string) => node[key], spec);
    return out;
  };
  const compiled = new Map<Schema, Fill>();

  function zeroOf(schema: Schema): unknown {
    const s = resolve(schema);
    if (s.enum) return s.enum[0];
    if (s.oneOf || s.anyOf) return zeroOf((s.oneOf ?? s.anyOf)[0]);
    if (s.allOf) return s.allOf.reduce((acc: unknown, part: Schema) => (acc === undefined ? zeroOf(part) : acc), undefined);
    switch (s.type) {
      case 'string': return '';
      case 'integer':
      case 'number': return 0;
      case 'boolean': return false;
      case 'array': return [];
      case 'object': return fillerOf(s)({});
      default: return s.properties ? fillerOf(s)({}) : undefined;
    }
  }

  function fillerOf(schema: Schema): Fill {
    const s = resolve(schema);
    const known = compiled.get(s);
    if (known) return known;
    let fill: Fill = keep;
    // Registered before compiling the parts, so a schema that refers to itself ends.
    compiled.set(s, (v) => fill(v));
    if (s.allOf) {
      const parts = (s.allOf as Schema[]).map(fillerOf);
      fill = (v) => parts.reduce((acc, part) => part(acc), v);
    } else if (s.type === 'array' && s.items) {
      const item = fillerOf(s.items);
      // In place: each item is filled in place too, so a new array would only be a copy.
      fill =
        item === keep
          ? keep
          : (v) => {
              if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = item(v[i]);
              return v;
            };
    } else if (s.properties) {
      const required = new Set<string>(s.required ?? []);
      const fields = Object.entries(s.properties as Record<string, Schema>).map(([name, sub]) => ({
        name,
        required: required.has(name),
        fill: fillerOf(sub),
        sub,
        /** The field's zero once worked out, when it is a string, number or boolean (an array or object is made anew each time). */
        zero: undefined as string | number | boolean | undefined,
      }));
      const zeroFor = (f: (typeof fields)[number]) => () => {
        if (f.zero !== undefined) return f.zero;
        const zero = zeroOf(f.sub);
        if (zero !== null && typeof zero !== 'object') f.zero = zero as string | number | boolean;
        return zero;
      };
      // One function per schema, naming each field in its code: a loop reading fields by a name
      // held in a variable looked each one up anew in every record. The code is made of the
      // contract's field names, each quoted by JSON.stringify, and of indexes.
      const steps = fields.map((f, i) => {
        const at = `v[${JSON.stringify(f.name)}]`;
        const filled = f.fill === keep ? '' : `else ${at} = fills[${i}](${at});`;
        if (f.required) return `if (${at} === undefined) ${at} = zeros[${i}](); ${filled}`;
        return filled ? `if (${at} !== undefined) ${at} = fills[${i}](${at});` : '';
      });
      const compiledFill = new Function('fills', 'zeros', `return (v) => { if (v === null || typeof v !== 'object' || Array.isArray(v)) return v; ${steps.join(' ')} return v; };`) as (
        fills: Fill[],
        zeros: (() => unknown)[],
      ) => Fill;
      fill = compiledFill(
        fields.map((f) => f.fill),
        fields.map(zeroFor),
      );
    }
    compiled.set(s, fill);
    return fill;
  }

  /** The success answer's `data` schema of each operation, 201 before 200. */
  const byOperation = new Map<string, Fill>();
  for (const item of Object.values(spec.paths ?? {}) as Schema[]) {
    for (const operation of Object.values(item) as Schema[]) {
      if (!operation?.operationId) continue;
      const success = operation.responses?.['201'] ?? operation.responses?.['200'];
      const envelope = success && resolve(resolve(success).content?.['application/json']?.schema ?? {});
      const data = envelope?.properties?.data;
      if (data) byOperation.set(operation.operationId, fillerOf(data));
    }
  }

  return (operationId: string, data: unknown): unknown => (byOperation.get(operationId) ?? keep)(data);
}
