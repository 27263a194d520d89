// npm run postman: writes postman/collection.json and postman/environment.json from openapi.yaml.
// Run it after every change to the contract; test/postman.test.ts fails while they are stale.
import { mkdirSync, writeFileSync } from 'node:fs';
import { buildPostmanFiles, COLLECTION_FILE, ENVIRONMENT_FILE } from './postman/build.js';

const files = await buildPostmanFiles();
mkdirSync(new URL('.', COLLECTION_FILE), { recursive: true });
writeFileSync(COLLECTION_FILE, files.collection);
writeFileSync(ENVIRONMENT_FILE, files.environment);
console.log(`wrote ${COLLECTION_FILE.pathname} and ${ENVIRONMENT_FILE.pathname}`);
