// Runs every check against one server: a token, the journey, then for each operation the spec's
// examples, boundary probes, generated valid and invalid requests, and finally the routing checks.
import { AnswerChecker } from './answer-check.js';
import { boundaryProbes } from './boundary-probes.js';
import { Client, type Credentials } from './client.js';
import { invalidRequests } from './invalid-requests.js';
import { runJourney } from './journey.js';
import { Rng, seedFor } from './random.js';
import { emptyDraft, type Draft } from './request-draft.js';
import { branchesOf, fieldsOf, getAt, isBigIntegerBranch, setAt } from './schema-shape.js';
import { loadSpec, methodsOf, type Operation } from './spec.js';
import { exampleRequests, validRequests } from './valid-requests.js';
import { errorCode, judge, REFUSED_VALUE, type Kind, type Outcome } from './verdict.js';

export interface RunOptions {
  baseUrl: string;
  credentials: Credentials;
  specFile?: string;
  seed: number;
  requestsPerOperation: number;
  organization: number;
  logo: string;
  sign: boolean;
  timeoutMs: number;
  excludeTags: string[];
  excludeOperations: string[];
  validationCodes: string[];
  /** Called after every request, for progress output. */
  onOutcome?: (outcome: Outcome) => void;
}

export interface RunResult {
  outcomes: Outcome[];
  /** Operations in the order they ran, then the routing row. */
  operations: string[];
  secrets: string[];
  specFile: string;
}

export const ROUTING = '(routing)';

/**
 * Import replaces the tenant and reset restores its seed: run last, in this order, they leave the
 * tenant as seeded whatever the generated requests did to it.
 */
const RUN_LAST = ['importSandbox', 'resetSandbox'];

export async function runConformance(options: RunOptions): Promise<RunResult> {
  const spec = loadSpec(options.specFile);
  const checker = new AnswerChecker(spec);
  const client = new Client(options.baseUrl, options.credentials, { sign: options.sign, timeoutMs: options.timeoutMs });
  const outcomes: Outcome[] = [];
  const operations = spec.operations
    .filter((op) => !op.tags.some((t) => options.excludeTags.includes(t)) && !options.excludeOperations.includes(op.operationId))
    .sort((a, b) => RUN_LAST.indexOf(a.operationId) - RUN_LAST.indexOf(b.operationId));
  const byId = new Map(operations.map((op) => [op.operationId, op]));

  const record = (operationId: string, kind: Kind, label: string, exchange: Outcome['exchange']): Outcome => {
    const { violations, body } = judge(kind, exchange, checker, { validationCodes: options.validationCodes });
    const outcome: Outcome = { operationId, kind, label, exchange, violations, gaps: [], body };
    outcomes.push(outcome);
    return outcome;
  };
  const send = async (op: Operation, kind: Kind, label: string, draft: Draft) => {
    const outcome = record(op.operationId, kind, label, await client.call(op, draft));
    outcome.draft = draft;
    options.onOutcome?.(outcome);
    return outcome;
  };

  const token = await client.fetchToken();
  if (token.status === 0) throw new Error(`no answer from ${options.baseUrl}: ${token.error}`);
  // Without a token every call would be refused, and refusals prove nothing about the contract.
  if (!client.hasToken) throw new Error(`POST /token gave no access token (${token.status} ${token.bodyText.slice(0, 200)}); check --apikey, --secret and --client-id`);
  options.onOutcome?.(record(byId.has('getToken') ? 'getToken' : ROUTING, 'journey', 'step 0: a token for the run (client credentials)', token));

  const journeyOutcomes: Outcome[] = [];
  await runJourney({
    rng: new Rng(seedFor(options.seed, 'journey')),
    organization: options.organization,
    logo: options.logo,
    step: async (operationId, label, partial) => {
      const op = byId.get(operationId);
      if (!op) return undefined;
      const outcome = await send(op, 'journey', label, { ...emptyDraft(), ...partial });
      journeyOutcomes.push(outcome);
      return outcome;
    },
  });

  for (const op of operations) {
    const start = await probeStart(op, journeyOutcomes, send);
    if (start) {
      for (const probe of boundaryProbes(op, start)) {
        const outcome = await send(op, 'boundary', probe.label, probe.draft);
        if (outcome.exchange.status === 400 && probe.without) {
          const left = await send(op, 'valid', `the same request with the field left out (${probe.label})`, probe.without);
          if (left.exchange.status === 400 && errorCode(left.body) === errorCode(outcome.body)) {
            outcome.violations = outcome.violations.filter((v) => !v.startsWith(REFUSED_VALUE));
            outcome.label += ` — refused as if left out (${errorCode(outcome.body)}): a rule between fields, not a range`;
          }
        }
      }
    }

    const valid = validRequests(op, options.requestsPerOperation, options.seed, checker.validator);
    for (const [i, draft] of valid.entries()) await send(op, 'valid', `generated #${i + 1}`, draft);
    const invalidStart = start ?? valid[0];
    if (invalidStart) {
      for (const broken of invalidRequests(op, invalidStart, options.requestsPerOperation, options.seed, checker.validator)) {
        await send(op, 'invalid', `${broken.rule}: ${broken.label}`, broken.draft);
      }
    }
  }

  await routingChecks(spec, operations, client, options, (kind, label, exchange) => options.onOutcome?.(record(ROUTING, kind, label, exchange)));
  return { outcomes, operations: [...operations.map((o) => o.operationId), ROUTING], secrets: client.secrets, specFile: spec.file };
}

type Send = (op: Operation, kind: Kind, label: string, draft: Draft) => Promise<Outcome>;

/**
 * Sends the spec's examples, and finds the request the probes and invalid requests start from: one
 * the server accepted, preferably the spec's example (it carries the most fields), else the
 * journey's. An example refused because of what its numbers refer to (already used, not in this
 * tenant) is tried again without its optional identifiers, and an accepted request that created
 * something is too, so that each probe creates a fresh record instead of colliding with the first.
 */
async function probeStart(op: Operation, journey: Outcome[], send: Send): Promise<Draft | undefined> {
  const examples: Outcome[] = [];
  for (const { name, draft } of exampleRequests(op)) examples.push(await send(op, 'example', `"${name}"`, draft));
  let base = examples.find(isAccepted);
  if (!base) {
    for (const example of examples) {
      const stripped = withoutOptionalIdentifiers(op, example.draft!);
      if (stripped === example.draft) continue;
      const again = await send(op, 'valid', `${example.label} without its optional identifiers`, stripped);
      if (isAccepted(again)) return again.draft;
    }
  }
  base ??= journey.find((o) => o.operationId === op.operationId && isAccepted(o));
  if (!base || base.exchange.status !== 201) return base?.draft;
  const stripped = withoutOptionalIdentifiers(op, base.draft!);
  if (stripped === base.draft) return base.draft;
  const again = await send(op, 'valid', 'the accepted request again without its optional identifiers (where the probes start)', stripped);
  return isAccepted(again) ? again.draft : undefined;
}

/** The server took the request (whatever it answered about it: that is judged on its own). */
const isAccepted = (o: Outcome) => o.exchange.status >= 200 && o.exchange.status < 300 && o.draft !== undefined;

/** The draft itself when it has no optional identifier to drop. */
function withoutOptionalIdentifiers(op: Operation, draft: Draft): Draft {
  if (!op.requestBody || draft.body === undefined) return draft;
  let body = draft.body;
  for (const field of fieldsOf(op.requestBody.schema, draft.body)) {
    if (!field.required && getAt(body, field.path) !== undefined && branchesOf(field.schema).some(isBigIntegerBranch)) body = setAt(body, field.path, undefined);
  }
  return body === draft.body ? draft : { ...draft, body };
}

/** A path the contract does not have, and every path of the checked operations with a method it does not declare. */
async function routingChecks(
  spec: ReturnType<typeof loadSpec>,
  operations: Operation[],
  client: Client,
  options: RunOptions,
  record: (kind: Kind, label: string, exchange: Outcome['exchange']) => void,
) {
  const unknown = `/conformance-unknown-${seedFor(options.seed, 'unknown-path').toString(36)}`;
  record('routing', `unknown path GET ${unknown} → 404 in the envelope`, await client.call({ method: 'GET', pathTemplate: unknown, security: [] }, emptyDraft()));
  const templates = [...new Set(operations.map((o) => o.pathTemplate))];
  for (const template of templates) {
    const declared = spec.operations.filter((o) => o.pathTemplate === template);
    const method = ['DELETE', 'PATCH', 'PUT', 'POST'].find((m) => !methodsOf(spec, template).includes(m))!;
    const sample = template.replace(/\{[^}]+\}/g, '1');
    // With the credentials the path's own operations take, so only the method can be wrong.
    const target = { method, pathTemplate: sample, security: declared[0].security };
    record('routing', `${method} ${template} (not declared) → 405 with Allow: ${methodsOf(spec, template).join(', ')}`, await client.call(target, emptyDraft()));
  }
}
