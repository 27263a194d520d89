// The contract, parsed once per process: the error-trigger table, the answer completer, the
// validator and every app read the same document, and nobody changes it. The build leaves it as
// JSON next to the compiled code (dist/openapi.json), which parses in a fraction of the time YAML
// takes; run from the sources, or when openapi.yaml is newer than that copy, the YAML is read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SPEC_PATH = path.join(here, '..', '..', 'openapi.yaml');
const BUILT_SPEC_PATH = path.join(here, '..', 'openapi.json');

let parsed: any;

const builtCopyIsCurrent = () => existsSync(BUILT_SPEC_PATH) && statSync(BUILT_SPEC_PATH).mtimeMs >= statSync(SPEC_PATH).mtimeMs;

/** openapi.yaml as plain data; shared, so read-only. */
export function specDocument(): any {
  parsed ??= builtCopyIsCurrent()
    ? JSON.parse(readFileSync(BUILT_SPEC_PATH, 'utf8'))
    : // The YAML parser is loaded only when it is needed.
      (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(readFileSync(SPEC_PATH, 'utf8'), { intAsBigInt: false });
  return parsed;
}
