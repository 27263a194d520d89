// What every failed call of the client throws: the envelope's errors, with the HTTP status.
import type { components } from '../generated/openapi.js';

export type ErrorItem = components['schemas']['ErrorItem'];

export class SandboxApiError extends Error {
  override readonly name = 'SandboxApiError';
  /** The first error's code, such as VPL5SGC04S or SBX401E. */
  readonly code: string;
  readonly description: string;

  constructor(
    readonly status: number,
    /** Every error of the envelope, in the order the sandbox gave them. */
    readonly errors: ErrorItem[],
  ) {
    const first = errors[0] ?? { code: `HTTP${status}`, description: 'The sandbox answered without an error envelope' };
    super(`${status} ${first.code}: ${first.description}`);
    this.code = first.code;
    this.description = first.description;
  }

  /** Reads a failed answer's body; one without the envelope (a proxy's page, say) still gives a typed error. */
  static from(status: number, body: unknown): SandboxApiError {
    const errors = (body as { errors?: unknown } | null)?.errors;
    if (Array.isArray(errors) && errors.length > 0) return new SandboxApiError(status, errors as ErrorItem[]);
    const text = typeof body === 'string' ? body : JSON.stringify(body ?? '');
    return new SandboxApiError(status, [{ code: `HTTP${status}`, description: text.slice(0, 200) }]);
  }
}
