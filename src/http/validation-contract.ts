// The contract as express-openapi-validator is given it. The validator compiles one schema per
// operation and declared status, and walks the whole document it was given for every one of them:
// with openapi.yaml as written, an operation's first call cost a hundred milliseconds and more of
// blocked process. So it gets a copy that constrains exactly as much and is cheaper to compile:
// no prose, each operation's error statuses, which all answer the same error envelope, as one
// `default` answer, the operations' references to their bodies and answers already resolved, and
// the component schemas where the validator's set-up does not compile each one just to read it.
// Whether a status is one the operation declares is then checked by answersDeclaredStatus,
// against openapi.yaml itself.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { specDocument } from './spec-document.js';

// Keywords that document and never constrain.
const DOCUMENTATION = new Set(['description', 'summary', 'example', 'examples', 'externalDocs']);
// Objects whose keys are names (a property called "description" is data, not a keyword).
const NAMED_MAPS = new Set([
  'properties', 'patternProperties', 'schemas', 'responses', 'parameters', 'paths', 'headers', 'content',
  'securitySchemes', 'requestBodies', 'callbacks', 'links', 'encoding', 'variables', '$defs', 'definitions',
]);
// Values, not schemas: kept exactly as written.
const LITERALS = new Set(['default', 'const', 'enum']);
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];

type Document = { paths: Record<string, Record<string, Operation>>; components?: { responses?: Record<string, Answer> } };
type Operation = { operationId?: string; responses?: Record<string, Answer> };
type Answer = { $ref?: string; content?: unknown };

/** A copy of a contract without its documentation keywords; what it accepts and answers is unchanged. */
export function withoutDocumentation(node: unknown, keysAreNames = false): unknown {
  if (Array.isArray(node)) return node.map((item) => withoutDocumentation(item));
  if (node === null || typeof node !== 'object') return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (!keysAreNames && DOCUMENTATION.has(key)) continue;
    copy[key] = !keysAreNames && LITERALS.has(key) ? value : withoutDocumentation(value, !keysAreNames && NAMED_MAPS.has(key));
  }
  return copy;
}

/**
 * The document with each operation's error answers (4xx and 5xx) made one `default` answer, where
 * they all have the same content; an operation whose errors differ keeps them as they are. Changes
 * `doc` in place.
 */
export function errorsAsDefault<T extends Document>(doc: T): T {
  const contentOf = (answer: Answer) => JSON.stringify((answer.$ref ? doc.components?.responses?.[answer.$ref.split('/').pop()!] : answer)?.content);
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const responses = item[method]?.responses;
      if (!responses || 'default' in responses) continue;
      const errors = Object.keys(responses).filter((status) => /^[45]/.test(status));
      if (errors.length < 2 || new Set(errors.map((status) => contentOf(responses[status]))).size !== 1) continue;
      responses.default = responses[errors[0]];
      for (const status of errors) delete responses[status];
    }
  }
  return doc;
}

/**
 * The document with the references an operation makes to its request body, its answers and their
 * schemas replaced by what they point to (one level, the same objects). The validator resolves
 * those itself at start by compiling each target, which cost the first /health a quarter of a
 * second; nested references stay, for ajv. Changes `doc` in place.
 */
export function operationRefsResolved<T extends Document>(doc: T): T {
  const target = (node: unknown): unknown => {
    const ref = (node as { $ref?: unknown } | undefined)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return node;
    let at: unknown = doc;
    for (const part of ref.slice(2).split('/')) at = (at as Record<string, unknown> | undefined)?.[part.replaceAll('~1', '/').replaceAll('~0', '~')];
    return at ?? node;
  };
  const resolveContent = (holder: { content?: Record<string, { schema?: unknown }> }) => {
    for (const media of Object.values(holder.content ?? {})) if (media.schema) media.schema = target(media.schema);
  };
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method] as (Operation & { requestBody?: unknown }) | undefined;
      if (!operation) continue;
      // Copies down to the media types, so that the components themselves stay as written.
      const resolved = (node: unknown) => {
        const copy = { ...(target(node) as Answer) };
        if (copy.content) copy.content = structuredClone(copy.content);
        resolveContent(copy as never);
        return copy;
      };
      if (operation.requestBody) operation.requestBody = resolved(operation.requestBody);
      for (const [status, answer] of Object.entries(operation.responses ?? {})) operation.responses![status] = resolved(answer);
    }
  }
  return doc;
}

const SCHEMAS_REF = '#/components/schemas/';
const MOVED_SCHEMAS = 'x-schemas';

/**
 * The document with its component schemas under `components.x-schemas`, and every reference to
 * them changed to match. At start the validator reads each schema a reference points to, and for
 * one under `components.schemas` it compiles a validator (a tenth of a second for all of them,
 * before the first answer) only to read the schema back; elsewhere it reads it from the document.
 * The validators it compiles for operations resolve references within the document, wherever they
 * point. Changes `doc` in place.
 */
export function schemasMoved<T extends Document>(doc: T): T {
  const components = doc.components as Record<string, unknown> | undefined;
  if (!components?.schemas) return doc;
  components[MOVED_SCHEMAS] = components.schemas;
  delete components.schemas;
  const repoint = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(repoint);
    else if (node !== null && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record.$ref === 'string' && record.$ref.startsWith(SCHEMAS_REF)) record.$ref = `#/components/${MOVED_SCHEMAS}/${record.$ref.slice(SCHEMAS_REF.length)}`;
      Object.values(record).forEach(repoint);
    }
  };
  repoint(doc);
  return doc;
}

let forValidation: unknown;

/** What the validator is given: openapi.yaml without prose, errors as `default`, operations' references resolved, schemas moved (computed once). */
export const validationDocument = (): any =>
  (forValidation ??= schemasMoved(operationRefsResolved(errorsAsDefault(withoutDocumentation(specDocument()) as Document))));

/** The statuses each operation of a contract declares, by operationId ("200", "4XX", "default"). */
export function declaredStatuses(doc: Document): Map<string, Set<string>> {
  const declared = new Map<string, Set<string>>();
  for (const item of Object.values(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (operation?.operationId) declared.set(operation.operationId, new Set(Object.keys(operation.responses ?? {})));
    }
  }
  return declared;
}

/**
 * A step that makes a JSON answer with a status its operation does not declare go through
 * `offContract` instead (which answers 500 SBX500R), before the validator sees it.
 */
export function answersDeclaredStatus(
  operationOf: (req: Request) => string | undefined,
  offContract: (req: Request, problem: string) => unknown,
): RequestHandler {
  const declared = declaredStatuses(specDocument());
  const isDeclared = (statuses: Set<string>, status: number) =>
    statuses.has(String(status)) || statuses.has(`${String(status)[0]}XX`) || statuses.has('default');
  return (req: Request, res: Response, next: NextFunction) => {
    const operationId = operationOf(req);
    const statuses = operationId ? declared.get(operationId) : undefined;
    if (statuses) {
      const json = res.json;
      res.json = function checked(body: unknown) {
        res.json = json;
        if (isDeclared(statuses, res.statusCode)) return json.call(res, body);
        return json.call(res, offContract(req, `status ${res.statusCode} is not one ${operationId} declares`));
      };
    }
    next();
  };
}
