// An independent judge of the answers: every response a test sees is checked against
// openapi.yaml with Ajv, apart from the validator inside the app.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';
import { SPEC_PATH } from '../../src/app.js';

type Json = Record<string, any>;
const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as Json;
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && Math.abs(n) < 2 ** 31 });
ajv.addSchema(spec, 'spec');

const routes = Object.keys(spec.paths).map((template) => ({
  template,
  pattern: new RegExp('^' + template.replace(/\{[^}]+\}/g, '[^/]+') + '$'),
}));

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** Problems with an answer, or [] when it is within the contract. */
export function contractProblems(method: string, url: string, status: number, body: unknown): string[] {
  const path = url.split('?')[0];
  const route = routes.find((r) => r.pattern.test(path));
  if (!route) return status === 404 || status === 405 ? envelopeProblems(body) : [`no path in the contract for ${path}`];
  const operation = spec.paths[route.template][method.toLowerCase()];
  if (!operation) return status === 405 ? envelopeProblems(body) : [`no ${method} ${route.template} in the contract`];
  let response = operation.responses[String(status)];
  if (!response) return [`${method} ${route.template} does not declare status ${status}`];
  let ref = `#/paths/${pointer(route.template, method.toLowerCase(), 'responses', String(status))}`;
  if (response.$ref) {
    ref = response.$ref;
    response = spec.components.responses[response.$ref.split('/').pop()];
  }
  const validate = ajv.getSchema(`spec${ref}/content/application~1json/schema`);
  if (!validate) return [`no schema at ${ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Answers outside any operation (unknown route or method) must still be the error envelope. */
function envelopeProblems(body: unknown): string[] {
  const validate = ajv.getSchema('spec#/components/schemas/ErrorEnvelope')!;
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
