// An independent judge of the answers: every response a test sees is checked against
// openapi.yaml by the conformance runner's own answer check, apart from the validator inside the app.
import { SPEC_PATH } from '../../src/app.js';
import { AnswerChecker } from '../../src/conformance/answer-check.js';
import { loadSpec } from '../../src/conformance/spec.js';
import { createSchemaValidator, describeErrors } from '../../src/conformance/schema-validator.js';

const spec = loadSpec(SPEC_PATH);
const checker = new AnswerChecker(spec);
const requestValidator = createSchemaValidator(spec.document);

/** Problems with an answer, or [] when it is within the contract. */
export function contractProblems(method: string, url: string, status: number, body: unknown): string[] {
  return checker.problems({ method, url, status, body });
}

/** The contract's own operations, as the conformance runner reads them, and the whole document. */
export const contractOperations = spec.operations;
export const contractDocument = spec.document;

/** Why a request body breaks the operation's request schema, or [] when the schema accepts it. */
export function requestBodyProblems(operationId: string, body: unknown): string[] {
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op?.requestBody) return [`${operationId} takes no request body`];
  const validate = requestValidator.compile(op.requestBody.schema);
  return validate(body) ? [] : describeErrors(validate.errors);
}
