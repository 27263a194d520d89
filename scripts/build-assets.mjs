// The part of `npm run build` that is not TypeScript: the portal's static files, and openapi.yaml
// as JSON, which the compiled sandbox reads at start instead of parsing YAML (tens of milliseconds
// instead of hundreds before the first answer). openapi.yaml stays the only source.
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

cpSync('src/portal/public', 'dist/portal/public', { recursive: true });
chmodSync('dist/cli/main.js', 0o755);
writeFileSync('dist/openapi.json', JSON.stringify(parse(readFileSync('openapi.yaml', 'utf8'), { intAsBigInt: false })));
