// Forced scenarios: the Prefer header asks an operation for one of its documented answers
// (code=404, errorCode=VPL5SGC04S), a slow answer (latency=800) or a broken connection
// (fault=reset, fault=timeout). They run after access control and request validation, so a caller
// still meets those first. What an operation may be asked for is its list in the error-trigger
// table, the same list GET /sandbox/fixtures shows; anything else is refused with that list.
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { BUSINESS_TRIGGERS, documentedErrors, OPERATIONS, type OperationTraits } from '../operations/error-triggers.js';
import { success } from './envelope.js';
import { ApiError, ERRORS, type ErrorName } from './errors.js';

export const MAX_LATENCY_MS = 30_000;
/** How long fault=timeout keeps a connection open when the client does not give up first. */
export const TIMEOUT_FAULT_MS = 60_000;
/** The ErrorItem description's limit in the contract. */
const DESCRIPTION_LENGTH = 500;

interface Preferences {
  code?: number;
  errorCode?: string;
  latency?: number;
  fault?: 'reset' | 'timeout';
}

const KNOWN = `the sandbox knows code=<status>, errorCode=<code>, latency=<0 to ${MAX_LATENCY_MS} ms> and fault=reset or fault=timeout`;

/** The preferences of a header such as `code=404, latency=200`, or why they cannot be honoured. */
export function parsePrefer(header: string): Preferences | { refused: string } {
  const prefs: Preferences = {};
  const seen = new Set<string>();
  for (const item of header.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][A-Za-z0-9-]*)\s*=\s*"?([^"]*)"?$/.exec(item);
    const key = m?.[1].toLowerCase();
    const value = m?.[2].trim() ?? '';
    if (!key) return { refused: `"${item}" is not a preference of this sandbox: ${KNOWN}` };
    if (seen.has(key)) return { refused: `${m![1]} is given twice` };
    seen.add(key);
    if (key === 'code' && /^[1-5][0-9]{2}$/.test(value)) prefs.code = Number(value);
    else if (key === 'errorcode' && /^[A-Za-z0-9]{1,20}$/.test(value)) prefs.errorCode = value.toUpperCase();
    else if (key === 'latency' && /^[0-9]{1,6}$/.test(value) && Number(value) <= MAX_LATENCY_MS) prefs.latency = Number(value);
    else if (key === 'fault' && (value === 'reset' || value === 'timeout')) prefs.fault = value;
    else if (['code', 'errorcode', 'latency', 'fault'].includes(key)) return { refused: `${item} is not a value it takes: ${KNOWN}` };
    else return { refused: `${m![1]} is not a preference of this sandbox: ${KNOWN}` };
  }
  const outcomes = [prefs.code, prefs.errorCode, prefs.fault].filter((v) => v !== undefined);
  if (outcomes.length > 1) return { refused: 'code, errorCode and fault each choose the outcome: send one of them (latency goes with any)' };
  return prefs;
}

/** Sentences that fit the contract's error items, cut between list entries. */
function listed(intro: string, entries: string[]): string[] {
  const out: string[] = [];
  let line = intro;
  for (const entry of entries) {
    const next = line.endsWith(': ') ? `${line}${entry}` : `${line}, ${entry}`;
    if (next.length > DESCRIPTION_LENGTH) {
      out.push(line);
      line = `${intro}${entry}`;
    } else line = next;
  }
  out.push(line);
  return out;
}

/** What the operation documents, as further error items of a refusal. */
function documentedList(op: OperationTraits, errors: ErrorName[]): string[] {
  const statuses = [...new Set([...op.successStatuses, ...errors.map((e) => ERRORS[e].status)])].sort((a, b) => a - b);
  const byStatus = statuses
    .filter((s) => !op.successStatuses.includes(s))
    .flatMap((s) => listed(`${op.operationId} answers ${s} with: `, errors.filter((e) => ERRORS[e].status === s).map((e) => ERRORS[e].code)));
  return [`${op.operationId} documents the statuses ${statuses.join(', ')}`, ...byStatus];
}

type Forced = { refused: string } | { error: ErrorName } | { successStatus: number } | undefined;

/** The answer the preferences choose for this operation, if they choose one. */
function outcomeOf(prefs: Preferences, op: OperationTraits, errors: ErrorName[]): Forced {
  if (prefs.code !== undefined) {
    if (op.successStatuses.includes(prefs.code)) return { successStatus: prefs.code };
    const error = errors.find((e) => ERRORS[e].status === prefs.code);
    return error ? { error } : { refused: `code=${prefs.code}: ${op.operationId} does not document this status` };
  }
  if (prefs.errorCode !== undefined) {
    const error = errors.find((e) => ERRORS[e].code === prefs.errorCode);
    return error ? { error } : { refused: `errorCode=${prefs.errorCode}: ${op.operationId} does not document this code` };
  }
  return undefined;
}

const operationOf = (req: Request) => (req as Request & { openapi?: { schema?: { operationId?: string } } }).openapi?.schema?.operationId;
const FORCED_SUCCESS = Symbol('forced success');
type Marked = Request & { [FORCED_SUCCESS]?: number };

export interface ForcedScenarios {
  /** Runs after request validation: refuses, delays, breaks or forces the answer as the header asks. */
  apply: RequestHandler;
  /**
   * Runs after the handler: a forced success whose handler failed on the tenant's data answers
   * the success shape with blanks and zeros instead (nothing was written: handlers fail before they commit).
   */
  completeForcedSuccess: ErrorRequestHandler;
}

export function forcedScenarios(completeAnswer: (operationId: string, data: unknown) => unknown): ForcedScenarios {
  const apply: RequestHandler = (req, res, next) => {
    const operationId = operationOf(req);
    const op = operationId ? OPERATIONS.get(operationId) : undefined;
    const header = req.headers.prefer;
    if (!op?.takesPrefer || !header) return next();
    const errors = documentedErrors(op.operationId);
    const prefs = parsePrefer(Array.isArray(header) ? header.join(', ') : header);
    const outcome = 'refused' in prefs ? prefs : outcomeOf(prefs, op, errors);
    if (outcome && 'refused' in outcome) return next(new ApiError('PREFER_INVALID', outcome.refused, documentedList(op, errors)));
    const p = prefs as Preferences;
    const applied = [
      p.code !== undefined ? `code=${p.code}` : '',
      p.errorCode ? `errorCode=${p.errorCode}` : '',
      p.latency !== undefined ? `latency=${p.latency}` : '',
      p.fault ? `fault=${p.fault}` : '',
    ].filter(Boolean);
    res.setHeader('Preference-Applied', applied.join(', '));

    const go = () => {
      if (p.fault === 'reset') return void req.socket.destroy();
      if (p.fault === 'timeout') {
        // The request is never answered: the client's own timeout ends it, or this one does.
        const timer = setTimeout(() => req.socket.destroy(), TIMEOUT_FAULT_MS);
        timer.unref();
        res.on('close', () => clearTimeout(timer));
        return;
      }
      if (outcome && 'error' in outcome) {
        if (ERRORS[outcome.error].status === 429) res.setHeader('Retry-After', '1');
        return next(new ApiError(outcome.error, 'forced by the Prefer header'));
      }
      if (outcome && 'successStatus' in outcome) (req as Marked)[FORCED_SUCCESS] = outcome.successStatus;
      next();
    };
    // The delay comes before the handler, so the answer shows the data as it is when it is sent.
    if (p.latency) setTimeout(go, p.latency);
    else go();
  };

  const completeForcedSuccess: ErrorRequestHandler = (err, req, res, next) => {
    const status = (req as Marked)[FORCED_SUCCESS];
    const operationId = operationOf(req);
    const ownError = err instanceof ApiError && BUSINESS_TRIGGERS[operationId ?? '']?.some((t) => ERRORS[t.error] === err.template);
    if (status === undefined || !operationId || !ownError || res.headersSent) return next(err);
    res.status(status).json(success(completeAnswer(operationId, {})));
  };

  return { apply, completeForcedSuccess };
}
