// The PostgreSQL driver, loaded when a database is first used rather than at start-up: the
// embedded default never connects, and loading pg (with the migration runner) made its start
// about 150 ms slower.
import { createRequire } from 'node:module';
import type pg from 'pg';

let driver: typeof pg | undefined;

export const pgDriver = (): typeof pg => (driver ??= createRequire(import.meta.url)('pg') as typeof pg);
