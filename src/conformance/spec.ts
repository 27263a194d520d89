// Reads openapi.yaml into the list of operations the runner exercises: parameters, request body
// (schema with every $ref inlined, and the spec's own examples) and declared responses.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export type Schema = Record<string, any>;

export const DEFAULT_SPEC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'openapi.yaml');
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
  example?: unknown;
}

export interface RequestBody {
  mediaType: string;
  required: boolean;
  schema: Schema;
  examples: { name: string; value: unknown }[];
}

export interface DeclaredResponse {
  headers: Record<string, { required: boolean; schema?: Schema }>;
  /** Media type → JSON pointer of its schema inside the document (for Ajv). */
  content: Record<string, string | undefined>;
}

export interface Operation {
  operationId: string;
  method: string;
  pathTemplate: string;
  tags: string[];
  /** The security schemes of the first requirement that applies (empty: none needed). */
  security: { name: string; type: string; scheme?: string; in?: string; headerName?: string }[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Record<string, DeclaredResponse>;
}

export interface Spec {
  file: string;
  document: Schema;
  operations: Operation[];
}

export const pointerOf = (...parts: string[]) => parts.map((p) => '/' + p.replace(/~/g, '~0').replace(/\//g, '~1')).join('');

function resolveRef(document: Schema, ref: string): { node: Schema; pointer: string } {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  const pointer = ref.slice(1);
  const node = pointer
    .split('/')
    .slice(1)
    .reduce<any>((at, part) => at?.[part.replace(/~1/g, '/').replace(/~0/g, '~')], document);
  if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  return { node, pointer };
}

/** Follows $refs until a real node, keeping the pointer of the node finally reached. */
function deref(document: Schema, node: Schema, pointer: string): { node: Schema; pointer: string } {
  let at = { node, pointer };
  for (let hops = 0; at.node?.$ref; hops++) {
    if (hops > 20) throw new Error(`$ref loop at ${pointer}`);
    at = resolveRef(document, at.node.$ref);
  }
  return at;
}

/** A copy of a schema with every $ref replaced by what it points to (a ref to itself becomes {}). */
export function inlineSchema(document: Schema, schema: unknown, stack: string[] = []): any {
  if (Array.isArray(schema)) return schema.map((s) => inlineSchema(document, s, stack));
  if (!schema || typeof schema !== 'object') return schema;
  const node = schema as Schema;
  if (typeof node.$ref === 'string') {
    if (stack.includes(node.$ref)) return {};
    const { $ref, ...siblings } = node;
    return { ...inlineSchema(document, resolveRef(document, $ref).node, [...stack, $ref]), ...inlineSchema(document, siblings, stack) };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inlineSchema(document, v, stack)]));
}

function readParameters(document: Schema, list: Schema[] = []): Parameter[] {
  return list.map((p) => {
    const { node } = deref(document, p, '');
    return {
      name: node.name,
      in: node.in,
      required: node.required === true || node.in === 'path',
      schema: inlineSchema(document, node.schema ?? {}),
      example: node.example ?? node.schema?.example,
    };
  });
}

function readRequestBody(document: Schema, body: Schema | undefined, pointer: string): RequestBody | undefined {
  if (!body) return undefined;
  const { node } = deref(document, body, pointer);
  const [mediaType, media] = Object.entries<Schema>(node.content ?? {})[0] ?? [];
  if (!mediaType) return undefined;
  const examples = Object.entries<Schema>(media.examples ?? {}).map(([name, ex]) => ({ name, value: deref(document, ex, '').node.value }));
  if (media.example !== undefined) examples.push({ name: 'example', value: media.example });
  return { mediaType, required: node.required === true, schema: inlineSchema(document, media.schema ?? {}), examples };
}

function readResponses(document: Schema, responses: Schema, pointer: string): Record<string, DeclaredResponse> {
  const out: Record<string, DeclaredResponse> = {};
  for (const [status, raw] of Object.entries<Schema>(responses ?? {})) {
    const { node, pointer: at } = deref(document, raw, pointer + pointerOf(status));
    const headers: DeclaredResponse['headers'] = {};
    for (const [name, h] of Object.entries<Schema>(node.headers ?? {})) {
      const header = deref(document, h, '').node;
      headers[name] = { required: header.required === true, schema: header.schema ? inlineSchema(document, header.schema) : undefined };
    }
    const content: DeclaredResponse['content'] = {};
    for (const [mediaType, media] of Object.entries<Schema>(node.content ?? {})) {
      content[mediaType] = media.schema ? at + pointerOf('content', mediaType, 'schema') : undefined;
    }
    out[status] = { headers, content };
  }
  return out;
}

function securityOf(document: Schema, requirements: Schema[]): Operation['security'] {
  const first = requirements[0] ?? {};
  return Object.keys(first).map((name) => {
    const scheme = document.components?.securitySchemes?.[name] ?? {};
    return { name, type: scheme.type, scheme: scheme.scheme?.toLowerCase(), in: scheme.in, headerName: scheme.name };
  });
}

export function loadSpec(file = DEFAULT_SPEC_PATH): Spec {
  const document = parse(readFileSync(file, 'utf8')) as Schema;
  const operations: Operation[] = [];
  for (const [pathTemplate, item] of Object.entries<Schema>(document.paths ?? {})) {
    // In the order the contract lists them, so the report reads like the document.
    for (const method of Object.keys(item).filter((k): k is (typeof HTTP_METHODS)[number] => (HTTP_METHODS as readonly string[]).includes(k))) {
      const op = item[method];
      const byKey = new Map<string, Parameter>();
      // Operation parameters override path-level ones with the same name and location.
      for (const p of [...readParameters(document, item.parameters), ...readParameters(document, op.parameters)]) byKey.set(`${p.in}:${p.name}`, p);
      const opPointer = pointerOf('paths', pathTemplate, method);
      operations.push({
        operationId: op.operationId ?? `${method.toUpperCase()} ${pathTemplate}`,
        method: method.toUpperCase(),
        pathTemplate,
        tags: op.tags ?? [],
        security: securityOf(document, op.security ?? document.security ?? []),
        parameters: [...byKey.values()],
        requestBody: readRequestBody(document, op.requestBody, opPointer + '/requestBody'),
        responses: readResponses(document, op.responses, opPointer + '/responses'),
      });
    }
  }
  return { file, document, operations };
}

/** The methods the contract declares for a path template, upper case. */
export const methodsOf = (spec: Spec, pathTemplate: string) =>
  spec.operations.filter((o) => o.pathTemplate === pathTemplate).map((o) => o.method);
