// The judge of answers: is this status declared for the operation, are the declared headers there,
// is it JSON, and does the body match the declared schema? Used by the conformance runner and by
// the test suite's own contract check (test/helpers/contract.ts).
import { methodsOf, type DeclaredResponse, type Operation, type Spec } from './spec.js';
import { createSchemaValidator, describeErrors, type SchemaValidator } from './schema-validator.js';
import { parseJson } from './json-text.js';

export interface AnswerToCheck {
  method: string;
  /** The request path, with or without a query string. */
  url: string;
  status: number;
  /** Response headers with lower-case names; when left out, headers and media type are not judged. */
  headers?: Record<string, string>;
  /** The raw body as received; when given it is parsed here. */
  bodyText?: string;
  /** An already parsed body, when the raw text is not at hand. */
  body?: unknown;
}

export type Route =
  | { kind: 'operation'; template: string; operation: Operation }
  | { kind: 'wrong-method'; template: string; allowed: string[] }
  | { kind: 'unknown-path' };

const ERROR_ENVELOPE_POINTER = '/components/schemas/ErrorEnvelope';
const JSON_MEDIA = /^application\/(.+\+)?json$/;

export class AnswerChecker {
  readonly validator: SchemaValidator;
  private readonly routes: { template: string; pattern: RegExp }[];

  constructor(readonly spec: Spec) {
    this.validator = createSchemaValidator(spec.document);
    const templates = [...new Set(spec.operations.map((o) => o.pathTemplate))];
    // Literal paths win over templated ones (as /customer/lookup over /customer/{accountNumber}).
    this.routes = templates
      .map((template) => ({ template, pattern: new RegExp('^' + template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+') + '$') }))
      .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  }

  route(method: string, url: string): Route {
    const path = url.split('?')[0];
    const found = this.routes.find((r) => r.pattern.test(path));
    if (!found) return { kind: 'unknown-path' };
    const operation = this.spec.operations.find((o) => o.pathTemplate === found.template && o.method === method.toUpperCase());
    if (!operation) return { kind: 'wrong-method', template: found.template, allowed: methodsOf(this.spec, found.template) };
    return { kind: 'operation', template: found.template, operation };
  }

  /** Every way the answer breaks the contract; [] when it is within it. */
  problems(answer: AnswerToCheck): string[] {
    const problems: string[] = [];
    const route = this.route(answer.method, answer.url);
    const contentType = answer.headers?.['content-type'];
    let body = answer.body;

    // An answer declared only as something other than JSON (the Prometheus text of /metrics) is
    // judged by its status, headers and media type, not parsed.
    const declaredMedia = route.kind === 'operation' ? Object.keys(declaredResponse(route.operation, answer.status)?.content ?? {}) : [];
    const notJson = declaredMedia.length > 0 && !declaredMedia.some((m) => JSON_MEDIA.test(m));
    if (answer.bodyText !== undefined && !notJson) {
      if (/^text\/html/i.test(contentType ?? '') || /^\s*</.test(answer.bodyText)) {
        return [...this.statusProblems(route, answer), `the answer is HTML (${contentType ?? 'no Content-Type'}), not the JSON envelope`];
      }
      const parsed = parseJson(answer.bodyText);
      if (!parsed.ok) {
        return [...this.statusProblems(route, answer), `the body is not JSON (${parsed.error}): ${answer.bodyText.slice(0, 120) || '(empty)'}`];
      }
      body = parsed.value;
    }
    const declared = route.kind === 'operation' ? declaredResponse(route.operation, answer.status) : undefined;
    const mediaTypes = declared && Object.keys(declared.content).length ? Object.keys(declared.content) : ['application/json'];
    if (answer.headers && !mediaTypes.includes((contentType ?? '').split(';')[0].trim().toLowerCase())) {
      problems.push(`Content-Type is ${contentType ? `"${contentType}"` : 'missing'}, not ${mediaTypes.join(' or ')}`);
    }
    problems.push(...this.statusProblems(route, answer));

    if (route.kind !== 'operation') return [...problems, ...this.schemaProblems(ERROR_ENVELOPE_POINTER, body)];
    if (!declared) return problems;
    if (answer.headers) problems.push(...this.headerProblems(declared, answer.headers));
    const mediaType = Object.keys(declared.content).find((m) => JSON_MEDIA.test(m));
    const pointer = mediaType ? declared.content[mediaType] : undefined;
    if (pointer) problems.push(...this.schemaProblems(pointer, body));
    return problems;
  }

  private statusProblems(route: Route, answer: AnswerToCheck): string[] {
    if (route.kind === 'unknown-path') {
      return answer.status === 404 ? [] : [`a path the contract does not have must answer 404, got ${answer.status}`];
    }
    if (route.kind === 'wrong-method') {
      if (answer.status !== 405) return [`${answer.method} is not declared for ${route.template}: expected 405 Method Not Allowed, got ${answer.status}`];
      if (!answer.headers) return [];
      const allow = answer.headers['allow'];
      if (allow === undefined) return [`a 405 must carry an Allow header listing ${route.allowed.join(', ')} (RFC 9110 §15.5.6)`];
      const listed = allow.split(',').map((m) => m.trim().toUpperCase());
      const missing = route.allowed.filter((m) => !listed.includes(m));
      return missing.length ? [`the Allow header "${allow}" leaves out ${missing.join(', ')}`] : [];
    }
    if (declaredResponse(route.operation, answer.status)) return [];
    const declared = Object.keys(route.operation.responses).join(', ');
    return [`status ${answer.status} is not declared for ${route.operation.operationId} (declared: ${declared})`];
  }

  private headerProblems(declared: DeclaredResponse, headers: Record<string, string>): string[] {
    const problems: string[] = [];
    for (const [name, header] of Object.entries(declared.headers)) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) {
        problems.push(`the declared response header ${name} is missing`);
        continue;
      }
      if (!header.schema) continue;
      const typed = ['integer', 'number'].includes(header.schema.type) && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
      const validate = this.validator.compile(header.schema);
      if (!validate(typed)) problems.push(`the response header ${name}: "${value}" ${describeErrors(validate.errors).join('; ')}`);
    }
    return problems;
  }

  private schemaProblems(pointer: string, body: unknown): string[] {
    const validate = this.validator.atPointer(pointer);
    if (!validate) return [`the contract has no schema at ${pointer}`];
    return validate(body) ? [] : describeErrors(validate.errors).map((e) => (e.startsWith('…') ? e : `body ${e}`));
  }
}

/** The declared response for a status: exact, then a range such as 4XX, then default. */
export function declaredResponse(operation: Operation, status: number): DeclaredResponse | undefined {
  const r = operation.responses;
  return r[String(status)] ?? r[`${String(status)[0]}XX`] ?? r.default;
}
