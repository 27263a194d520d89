// Watches the validator's one door to ajv: every schema express-openapi-validator compiles passes
// through useAjvCache under a cache key. Importing this module starts watching for the test file.
import { createRequire } from 'node:module';
import { after } from 'node:test';

const validatorUtil = createRequire(import.meta.url)('express-openapi-validator/dist/middlewares/util.js') as {
  useAjvCache: (ajv: { getSchema(key: string): unknown }, schema: object, key: string) => unknown;
};
const original = validatorUtil.useAjvCache;
const listeners = new Set<(key: string) => void>();
validatorUtil.useAjvCache = (ajv, schema, key) => {
  if (!ajv.getSchema(key)) listeners.forEach((listener) => listener(key));
  return original(ajv, schema, key);
};
after(() => {
  validatorUtil.useAjvCache = original;
});

/** Calls `listener` with the key of each schema compiled from now on; answers a function that stops it. */
export function onCompile(listener: (key: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
