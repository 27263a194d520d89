// The copy of openapi.yaml the validator is given constrains exactly what openapi.yaml does: the
// prose goes, names and values stay, and error answers become `default` only where they are alike.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { declaredStatuses, errorsAsDefault, operationRefsResolved, schemasMoved, validationDocument, withoutDocumentation } from '../src/http/validation-contract.js';
import { contractDocument, contractOperations } from './helpers/contract.js';

const envelope = { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } };

describe('the contract as the validator is given it', () => {
  it('leaves out descriptions, summaries and examples, but keeps a property called description and literal values', () => {
    const doc = {
      paths: { '/x': { post: { summary: 's', description: 'd', responses: { 200: { description: 'ok', content: {} } } } } },
      components: {
        schemas: {
          ErrorItem: {
            description: 'prose',
            example: { code: 'A' },
            properties: { code: { type: 'string', description: 'prose' }, description: { type: 'string', maxLength: 100 } },
          },
          Choice: { enum: [{ description: 'a value' }], default: { description: 'kept' } },
        },
      },
    };
    assert.deepEqual(withoutDocumentation(doc), {
      paths: { '/x': { post: { responses: { 200: { content: {} } } } } },
      components: {
        schemas: {
          ErrorItem: { properties: { code: { type: 'string' }, description: { type: 'string', maxLength: 100 } } },
          Choice: { enum: [{ description: 'a value' }], default: { description: 'kept' } },
        },
      },
    });
  });

  it('makes the error answers of an operation one default answer when their content is the same, and only then', () => {
    const doc = {
      paths: {
        '/same': { post: { responses: { 200: { content: { a: 1 } }, 400: { $ref: '#/components/responses/Bad' }, 500: envelope } } },
        '/different': { get: { responses: { 200: { content: { a: 1 } }, 404: envelope, 500: { content: { other: 1 } } } } },
      },
      components: { responses: { Bad: envelope } },
    };
    const out = errorsAsDefault(structuredClone(doc));
    assert.deepEqual(Object.keys(out.paths['/same'].post.responses).sort(), ['200', 'default']);
    assert.deepEqual(out.paths['/different'].get.responses, doc.paths['/different'].get.responses);
  });

  it('puts what an operation\'s body and answers refer to in their place, leaving the components as written', () => {
    const Thing = { type: 'object', properties: { part: { $ref: '#/components/schemas/Part' } } };
    const doc = {
      paths: {
        '/x': {
          post: {
            requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } }, default: { $ref: '#/components/responses/Bad' } },
          },
        },
      },
      components: { schemas: { Thing, Part: { type: 'string' } }, responses: { Bad: envelope } },
    };
    const before = structuredClone(doc.components);
    const out = operationRefsResolved(doc);
    const post = out.paths['/x'].post as any;
    assert.equal(post.requestBody.content['application/json'].schema, Thing);
    assert.equal(post.responses[200].content['application/json'].schema, Thing);
    assert.deepEqual(post.responses.default, { content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' } } } });
    assert.deepEqual(out.components, before, 'the components are unchanged, nested references included');
  });

  it('is openapi.yaml with the same operations, success answers and schemas', () => {
    const copy = validationDocument();
    const declared = declaredStatuses(contractDocument as never);
    for (const op of contractOperations) {
      const responses = copy.paths[op.pathTemplate][op.method.toLowerCase()].responses;
      const success = Object.keys(op.responses).filter((s) => /^[23]/.test(s));
      for (const status of success) assert.ok(responses[status], `${op.operationId} ${status} is still its own answer`);
      assert.deepEqual(declared.get(op.operationId), new Set(Object.keys(op.responses)));
    }
    assert.deepEqual(Object.keys(copy.components['x-schemas']), Object.keys((contractDocument as { components: { schemas: object } }).components.schemas));
    assert.doesNotMatch(JSON.stringify(copy), /#\/components\/schemas\//, 'no reference is left pointing where the schemas were');
  });

  it('moves the component schemas under x-schemas and points every reference there', () => {
    const doc = {
      paths: { '/x': { post: { responses: { 200: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } } } } } },
      components: {
        schemas: { Thing: { type: 'object', properties: { parts: { type: 'array', items: { $ref: '#/components/schemas/Part' } } } }, Part: { type: 'string' } },
        responses: { Bad: structuredClone(envelope) },
      },
    };
    const out = schemasMoved(doc) as any;
    assert.equal(out.components.schemas, undefined);
    assert.deepEqual(Object.keys(out.components['x-schemas']), ['Thing', 'Part']);
    assert.equal(out.paths['/x'].post.responses[200].content['application/json'].schema.$ref, '#/components/x-schemas/Thing');
    assert.equal(out.components['x-schemas'].Thing.properties.parts.items.$ref, '#/components/x-schemas/Part');
    assert.equal(out.components.responses.Bad.content['application/json'].schema.$ref, '#/components/x-schemas/ErrorEnvelope');
  });
});
