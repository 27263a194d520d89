// What each operation can answer, found without running it: the errors its handler raises and
// those of every function it calls (read from the source, function by function, so a helper
// module shared by several handlers only counts for the handlers that call the raising function),
// the platform codes the contract's fields map to (src/http/schema-codes.ts, over the fields the
// operation really has), and what the HTTP layer answers before any handler runs.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { SPEC_PATH } from '../../src/app.js';
import type { ErrorName } from '../../src/http/errors.js';
import { schemaCodeFor } from '../../src/http/schema-codes.js';
import { contractOperations } from './contract.js';

const SRC = path.join(path.dirname(SPEC_PATH), 'src');
type Operation = (typeof contractOperations)[number];

interface Module {
  declarations: Map<string, ts.Node>;
  imports: Map<string, { file: string; name: string }>;
}

const modules = new Map<string, Module>();

/** Top-level declarations by name, and where each imported name comes from. */
function moduleOf(file: string): Module {
  const known = modules.get(file);
  if (known) return known;
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const declarations = new Map<string, ts.Node>();
  const imports = new Map<string, { file: string; name: string }>();
  for (const statement of source.statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) declarations.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name)) declarations.set(d.name.text, d);
    }
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const from = statement.moduleSpecifier.text;
      const named = statement.importClause?.namedBindings;
      if (!from.startsWith('.') || !named || !ts.isNamedImports(named)) continue;
      const target = path.resolve(path.dirname(file), from.replace(/\.js$/, '.ts'));
      for (const e of named.elements) imports.set(e.name.text, { file: target, name: (e.propertyName ?? e.name).text });
    }
  }
  const module = { declarations, imports };
  modules.set(file, module);
  return module;
}

/** An identifier that names a property rather than refers to a declaration. */
function isPropertyName(node: ts.Identifier): boolean {
  const p = node.parent;
  return (
    (ts.isPropertyAccessExpression(p) && p.name === node) ||
    ((ts.isPropertyAssignment(p) || ts.isMethodDeclaration(p) || ts.isPropertyDeclaration(p) || ts.isPropertySignature(p)) && p.name === node)
  );
}

/** The catalogue errors a declaration raises, itself or through what it calls. */
function raisedBy(file: string, name: string, seen = new Set<string>()): Set<ErrorName> {
  const out = new Set<ErrorName>();
  const key = `${file}#${name}`;
  // The catalogue and the HTTP layer are not part of any handler's own decisions.
  if (seen.has(key) || file.startsWith(path.join(SRC, 'http')) || file.startsWith(path.join(SRC, 'generated'))) return out;
  seen.add(key);
  const module = moduleOf(file);
  const root = module.declarations.get(name);
  if (!root) return out;
  const visit = (node: ts.Node) => {
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && ts.isIdentifier(node.expression) && ['fail', 'ApiError'].includes(node.expression.text)) {
      const first = node.arguments?.[0];
      if (first && ts.isStringLiteral(first)) out.add(first.text as ErrorName);
    }
    if (ts.isIdentifier(node) && !isPropertyName(node)) {
      const imported = module.imports.get(node.text);
      if (imported) raisedBy(imported.file, imported.name, seen).forEach((e) => out.add(e));
      else if (node.text !== name && module.declarations.has(node.text)) raisedBy(file, node.text, seen).forEach((e) => out.add(e));
    }
    ts.forEachChild(node, visit);
  };
  visit(root);
  return out;
}

/** operationId → its handler's file, read from the compiler-checked handler map. */
function handlerFiles(): Map<string, string> {
  const index = readFileSync(path.join(SRC, 'operations', 'index.ts'), 'utf8');
  const files = new Map<string, string>();
  for (const m of index.matchAll(/import \{([^}]+)\} from '\.\/([^']+)\.js'/g)) {
    for (const name of m[1].split(',').map((s) => s.trim()).filter(Boolean)) files.set(name, path.join(SRC, 'operations', `${m[2]}.ts`));
  }
  return files;
}

const files = handlerFiles();

/** The errors the operation's handler, and everything it calls, can raise. */
export function handlerErrors(operationId: string): Set<ErrorName> {
  const file = files.get(operationId);
  if (!file) throw new Error(`no handler file for ${operationId}`);
  return raisedBy(file, operationId);
}

type Schema = Record<string, any>;
const CONSTRAINTS = ['type', 'enum', 'minimum', 'maximum', 'pattern', 'maxLength', 'minLength'];

/** Every field of a request schema with the rules a value of it can break. */
function fieldsOf(schema: Schema | undefined, name: string, out: Map<string, Set<string>>): void {
  if (!schema || typeof schema !== 'object') return;
  for (const part of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) fieldsOf(part, name, out);
  const keywords = CONSTRAINTS.filter((k) => schema[k] !== undefined);
  if (name && keywords.length) {
    const rules = out.get(name) ?? new Set<string>();
    keywords.forEach((k) => rules.add(k));
    out.set(name, rules);
  }
  for (const [child, sub] of Object.entries<Schema>(schema.properties ?? {})) fieldsOf(sub, child, out);
  if (schema.items) fieldsOf(schema.items, name, out);
}

/** The platform codes a schema violation of one of the operation's own fields is answered with. */
export function schemaErrors(op: Operation): Set<ErrorName> {
  const fields = new Map<string, Set<string>>();
  fieldsOf(op.requestBody?.schema, '', fields);
  for (const p of op.parameters) fieldsOf(p.schema, p.name, fields);
  const out = new Set<ErrorName>();
  for (const [field, keywords] of fields) {
    for (const keyword of keywords) {
      const name = schemaCodeFor(op.operationId, `/body/${field}`, keyword);
      if (name) out.add(name);
    }
  }
  return out;
}

/** What the operation can answer of its own: its handler's errors and its fields' codes. */
export const businessErrors = (op: Operation) => new Set<ErrorName>([...handlerErrors(op.operationId), ...schemaErrors(op)]);

export const ACCESS: ErrorName[] = [
  'UNKNOWN_APIKEY', 'CLIENT_ID_MISMATCH', 'TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_OTHER_TENANT',
  'SIGNATURE_REQUIRED', 'SIGNED_HEADERS_MISSING', 'TIMESTAMP_SKEWED', 'SIGNATURE_INVALID', 'REPLAYED', 'RATE_LIMITED',
];
export const TOKEN_CALL: ErrorName[] = ['UNKNOWN_APIKEY', 'BASIC_REQUIRED', 'SECRET_MISMATCH', 'BASIC_USER_MISMATCH', 'RATE_LIMITED'];
export const BODY: ErrorName[] = ['VALIDATION', 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
export const FAILURES: ErrorName[] = ['INTERNAL', 'OFF_CONTRACT'];

/** True when the operation takes the Prefer header of forced scenarios. */
export const takesPrefer = (op: Operation) => op.parameters.some((p) => p.in === 'header' && p.name.toLowerCase() === 'prefer');

/** What the HTTP layer can answer for this operation before (or instead of) its handler. */
export function layerErrors(op: Operation): Set<ErrorName> {
  const out = new Set<ErrorName>(FAILURES);
  if (op.operationId === 'getToken') TOKEN_CALL.forEach((e) => out.add(e));
  else if (op.security.length > 0) {
    ACCESS.forEach((e) => out.add(e));
    // Every call that reads or replaces a tenant's data can find it unreadable.
    out.add('TENANT_UNAVAILABLE');
  }
  // Bodies are read for every method but GET (see http/json-body), declared or not.
  if (op.requestBody || op.method !== 'GET') BODY.forEach((e) => out.add(e));
  if (op.parameters.some((p) => p.in === 'path' || p.in === 'query')) out.add('VALIDATION');
  if (takesPrefer(op)) out.add('PREFER_INVALID');
  return out;
}

/** Everything the operation can answer, by whichever layer raises it. */
export const expectedErrors = (op: Operation) => new Set<ErrorName>([...layerErrors(op), ...businessErrors(op)]);

export { contractOperations };
