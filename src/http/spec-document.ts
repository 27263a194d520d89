// The contract, parsed once per process: YAML parsing of openapi.yaml takes a few hundred
// milliseconds, and the error-trigger table and every app read the same document. Nobody changes it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

export const SPEC_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'openapi.yaml');

let parsed: any;

/** openapi.yaml as plain data; shared, so read-only. */
export function specDocument(): any {
  parsed ??= parseYaml(readFileSync(SPEC_PATH, 'utf8'), { intAsBigInt: false });
  return parsed;
}
