// JUnit XML for CI: one testsuite per operation, one testcase per request. A violation is a
// failure; a stateful gap is a skipped case with the reason in its output, so a run against a
// static mock shows its gaps without turning the build red.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import junitModule, { type Builder } from 'junit-report-builder';
import { toCurl } from './curl.js';
import type { RunResult } from './runner.js';

// A CommonJS package: depending on the loader its default export arrives wrapped or not.
const junit = ((junitModule as unknown as { default?: Builder }).default ?? junitModule) as unknown as Builder;

export function writeJunit(result: RunResult, file: string, meta: { baseUrl: string; seed: number }): void {
  const builder = junit.newBuilder().name(`conformance of ${meta.baseUrl} to ${path.basename(result.specFile)} (seed ${meta.seed})`);
  for (const operation of result.operations) {
    const suite = builder.testSuite().name(operation).property('baseUrl', meta.baseUrl).property('seed', String(meta.seed));
    for (const o of result.outcomes.filter((x) => x.operationId === operation)) {
      const curl = toCurl(o.exchange.request, result.secrets);
      const answer = o.exchange.status ? `${o.exchange.status} ${o.exchange.headers['content-type'] ?? ''}\n${o.exchange.bodyText.slice(0, 4000)}` : `no answer: ${o.exchange.error}`;
      const test = suite.testCase().className(`conformance.${operation}`).name(`${o.kind}: ${o.label}`);
      if (o.violations.length) {
        const lines = [...o.violations.map((v) => `rule: ${v}`), ...o.gaps.map((g) => `stateful gap: ${g}`)];
        test.failure(o.violations.join('; '), 'violation').stacktrace([...lines, '', curl, '', answer].join('\n'));
      } else if (o.gaps.length) {
        test.skipped().standardOutput([...o.gaps.map((g) => `stateful gap: ${g}`), '', curl, '', answer].join('\n'));
      }
    }
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  builder.writeTo(file);
}
