// Every status an operation can answer is declared for it in openapi.yaml, with the envelope.
// The business errors of each operation are found by reading its handler and every module it
// imports for the errors they raise, so the check cannot drift from the code; the errors the HTTP
// layer adds (access, body, limits, failures) are listed below by the layer that raises them.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { SPEC_PATH } from '../src/app.js';
import { ERRORS, type ErrorName } from '../src/http/errors.js';
import { appliesTo, SCHEMA_CODES } from '../src/http/schema-codes.js';

const SRC = path.join(path.dirname(SPEC_PATH), 'src');
const spec = parse(readFileSync(SPEC_PATH, 'utf8'));
const RAISED = /\b(?:fail|ApiError)\('([A-Z0-9_]+)'/g;

/** The errors a module and everything it imports from src/ can raise. */
function raisedFrom(file: string, seen = new Set<string>()): Set<ErrorName> {
  const out = new Set<ErrorName>();
  if (seen.has(file)) return out;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(RAISED)) out.add(m[1] as ErrorName);
  for (const m of text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) {
    const next = path.resolve(path.dirname(file), `${m[1]}.ts`);
    // The catalogue and the HTTP layer are not part of any handler's own decisions.
    if (next.startsWith(path.join(SRC, 'http')) || next.startsWith(path.join(SRC, 'generated'))) continue;
    for (const name of raisedFrom(next, seen)) out.add(name);
  }
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

const ACCESS: ErrorName[] = [
  'UNKNOWN_APIKEY', 'CLIENT_ID_MISMATCH', 'TOKEN_MISSING', 'TOKEN_INVALID', 'TOKEN_EXPIRED', 'TOKEN_OTHER_TENANT',
  'SIGNATURE_REQUIRED', 'SIGNED_HEADERS_MISSING', 'TIMESTAMP_SKEWED', 'SIGNATURE_INVALID', 'REPLAYED', 'RATE_LIMITED',
];
const TOKEN_CALL: ErrorName[] = ['UNKNOWN_APIKEY', 'BASIC_REQUIRED', 'SECRET_MISMATCH', 'BASIC_USER_MISMATCH', 'RATE_LIMITED'];
const BODY: ErrorName[] = ['VALIDATION', 'MALFORMED_JSON', 'JSON_TOO_DEEP', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'];
const FAILURES: ErrorName[] = ['INTERNAL', 'OFF_CONTRACT'];

interface Operation {
  operationId: string;
  requestBody?: unknown;
  parameters?: { $ref?: string; in?: string }[];
  security?: unknown[];
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}

const operations: Operation[] = Object.values(spec.paths as Record<string, Record<string, Operation>>).flatMap((item) => Object.values(item));
const methods = new Map<Operation, string>(
  Object.values(spec.paths as Record<string, Record<string, Operation>>).flatMap((item) => Object.entries(item).map(([m, op]) => [op, m] as [Operation, string])),
);
const method = (op: Operation) => methods.get(op)!;

/** Everything this operation can answer, by the layer that raises it. */
function expectedErrors(op: Operation, files: Map<string, string>): Set<ErrorName> {
  const out = new Set<ErrorName>(FAILURES);
  const isPublic = Array.isArray(op.security) && op.security.length === 0;
  if (op.operationId === 'getToken') TOKEN_CALL.forEach((e) => out.add(e));
  else if (!isPublic) {
    ACCESS.forEach((e) => out.add(e));
    // Every call that reads or replaces a tenant's data can find it unreadable.
    out.add('TENANT_UNAVAILABLE');
  }
  // Bodies are read for every method but GET (see http/json-body), declared or not.
  if (op.requestBody || method(op) !== 'get') BODY.forEach((e) => out.add(e));
  if ((op.parameters ?? []).some((p) => p.in === 'path' || p.in === 'query')) out.add('VALIDATION');
  for (const row of SCHEMA_CODES) if (appliesTo(row, op.operationId)) out.add(row.error);
  const file = files.get(op.operationId);
  assert.ok(file, `no handler file for ${op.operationId}`);
  raisedFrom(file).forEach((e) => out.add(e));
  return out;
}

const envelopeOf = (response: Operation['responses'][string]) => {
  const r = response.$ref ? spec.components.responses[response.$ref.split('/').pop()!] : response;
  return r.content?.['application/json']?.schema?.$ref;
};

describe('declared statuses', () => {
  const files = handlerFiles();
  for (const op of operations) {
    it(`${op.operationId}: every status it can answer is declared, with the error envelope`, () => {
      const missing: string[] = [];
      for (const name of expectedErrors(op, files)) {
        const { status, code } = ERRORS[name];
        const response = op.responses[String(status)];
        if (!response) missing.push(`${status} (${code})`);
        else assert.equal(envelopeOf(response), '#/components/schemas/ErrorEnvelope', `${op.operationId} ${status} is not the error envelope`);
      }
      assert.deepEqual(missing, [], `${op.operationId} can answer statuses it does not declare`);
    });
  }

  it('every error of the catalogue is raised by some operation or layer, so none is documented for nothing', () => {
    const used = new Set<ErrorName>();
    for (const op of operations) expectedErrors(op, files).forEach((e) => used.add(e));
    // Raised before any operation is known: unknown paths and methods, refused CORS preflights.
    used.add('ROUTE_NOT_FOUND');
    used.add('METHOD_NOT_ALLOWED');
    used.add('CORS_ORIGIN_REFUSED');
    const unused = (Object.keys(ERRORS) as ErrorName[]).filter((name) => !used.has(name));
    assert.deepEqual(unused, []);
  });
});
