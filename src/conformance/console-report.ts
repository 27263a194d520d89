// What a person reads after a run: each failure as the exact request in curl form with the rule it
// broke, then one row per operation.
import { toCurl } from './curl.js';
import type { RunResult } from './runner.js';
import type { Outcome } from './verdict.js';

export interface Row {
  operation: string;
  sent: number;
  passed: number;
  violations: number;
  gaps: number;
}

/** A request counts once: as a violation if it has any, else as a gap if it has any, else as passed. */
export function summarize(result: RunResult): Row[] {
  return result.operations.map((operation) => {
    const mine = result.outcomes.filter((o) => o.operationId === operation);
    const violations = mine.filter((o) => o.violations.length > 0).length;
    const gaps = mine.filter((o) => o.violations.length === 0 && o.gaps.length > 0).length;
    return { operation, sent: mine.length, passed: mine.length - violations - gaps, violations, gaps };
  });
}

export function table(rows: Row[]): string {
  const total = rows.reduce((t, r) => ({ operation: 'total', sent: t.sent + r.sent, passed: t.passed + r.passed, violations: t.violations + r.violations, gaps: t.gaps + r.gaps }), {
    operation: 'total',
    sent: 0,
    passed: 0,
    violations: 0,
    gaps: 0,
  });
  const header = ['operation', 'sent', 'passed', 'violations', 'stateful gaps'];
  const lines = [...rows, total].map((r) => [r.operation, String(r.sent), String(r.passed), String(r.violations), String(r.gaps)]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [format(header), rule, ...lines.slice(0, -1).map(format), rule, format(lines[lines.length - 1])].join('\n');
}

function answerLine(o: Outcome): string {
  const { status, headers, bodyText, error } = o.exchange;
  if (status === 0) return `→ no answer (${error})`;
  const body = bodyText.length > 300 ? `${bodyText.slice(0, 300)}… (${bodyText.length} characters)` : bodyText;
  return `→ ${status} ${headers['content-type'] ?? '(no Content-Type)'} ${body.replace(/\s+/g, ' ')}`;
}

export function failureText(o: Outcome, secrets: string[]): string {
  return [
    `${o.violations.length ? 'VIOLATION' : 'STATEFUL GAP'}  ${o.operationId} — ${o.kind}: ${o.label}`,
    `  ${toCurl(o.exchange.request, secrets)}`,
    `  ${answerLine(o)}`,
    ...o.violations.map((r) => `  rule: ${r}`),
    ...o.gaps.map((g) => `  stateful gap: ${g}`),
  ].join('\n');
}

export function failures(result: RunResult): string {
  const violations = result.outcomes.filter((o) => o.violations.length > 0).map((o) => failureText(o, result.secrets));
  const gaps = result.outcomes.filter((o) => o.violations.length === 0 && o.gaps.length > 0).map((o) => failureText(o, result.secrets));
  return [...violations, ...gaps].join('\n\n');
}
