// Every status an operation can answer is declared for it in openapi.yaml, with the envelope.
// What each operation can answer is found by test/helpers/operation-errors.ts: the errors its
// handler and every function it calls raise (read from the source, so the check cannot drift from
// the code), the platform codes of its own fields, and what the HTTP layer adds before it runs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { SPEC_PATH } from '../src/app.js';
import { ERRORS, type ErrorName } from '../src/http/errors.js';
import { contractOperations, expectedErrors } from './helpers/operation-errors.js';

const spec = parse(readFileSync(SPEC_PATH, 'utf8'));

interface Operation {
  operationId: string;
  responses: Record<string, { $ref?: string; content?: Record<string, { schema: { $ref?: string } }> }>;
}

const operations: Operation[] = Object.values(spec.paths as Record<string, Record<string, Operation>>).flatMap((item) => Object.values(item));

const expected = new Map(contractOperations.map((op) => [op.operationId, expectedErrors(op)]));

const envelopeOf = (response: Operation['responses'][string]) => {
  const r = response.$ref ? spec.components.responses[response.$ref.split('/').pop()!] : response;
  return r.content?.['application/json']?.schema?.$ref;
};

describe('declared statuses', () => {
  for (const op of operations) {
    it(`${op.operationId}: every status it can answer is declared, with the error envelope`, () => {
      const missing: string[] = [];
      for (const name of expected.get(op.operationId)!) {
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
    for (const op of operations) expected.get(op.operationId)!.forEach((e) => used.add(e));
    // Raised before any operation is known: unknown paths and methods, refused CORS preflights.
    used.add('ROUTE_NOT_FOUND');
    used.add('METHOD_NOT_ALLOWED');
    used.add('CORS_ORIGIN_REFUSED');
    const unused = (Object.keys(ERRORS) as ErrorName[]).filter((name) => !used.has(name));
    assert.deepEqual(unused, []);
  });
});
