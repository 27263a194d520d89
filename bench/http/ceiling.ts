// The ceiling of the HTTP benchmark: the least an Express 5 server can do while validating every
// request and every answer against openapi.yaml, as the sandbox does. Each handler answers the
// exact body the sandbox answered to that call at the start of the run (ANSWERS_FILE), so the
// validator checks the same answer; there is no auth, no store and no logging.
// Run by bench/http.ts: PORT=… ANSWERS_FILE=… [CEILING_SERVER=app-prototypes] node --import tsx bench/http/ceiling.ts
import { readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';
import * as OpenApiValidator from 'express-openapi-validator';
import { serverFor } from '../../src/http/app-server.js';

export interface CapturedAnswer {
  method: string;
  path: string;
  status: number;
  body: unknown;
}

const SPEC = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../openapi.yaml');
const answers = new Map(
  (JSON.parse(readFileSync(process.env.ANSWERS_FILE!, 'utf8')) as CapturedAnswer[]).map((a) => [`${a.method} ${a.path}`, a]),
);

const app = express();
app.disable('x-powered-by');
app.use(express.json());
app.use(
  OpenApiValidator.middleware({
    apiSpec: SPEC,
    validateRequests: { allErrors: true },
    validateResponses: { allErrors: true },
    validateSecurity: false,
  }),
);
app.use((req: Request, res: Response) => {
  const answer = answers.get(`${req.method} ${req.path}`);
  if (!answer) return res.status(404).json({ message: `no captured answer for ${req.method} ${req.path}` });
  res.status(answer.status).json(answer.body);
});
// A refused request (or an answer the validator finds off-contract) shows as a non-2xx in the table.
app.use((err: { status?: number; message: string }, _req: Request, res: Response, _next: NextFunction) => {
  res.status(err.status ?? 500).json({ message: err.message });
});

// CEILING_SERVER=app-prototypes: the server the sandbox listens on (src/http/app-server.ts), whose
// requests and answers start out with the app's prototypes; otherwise Express's own app.listen.
const tuned = process.env.CEILING_SERVER === 'app-prototypes';
const server = (tuned ? serverFor(app) : http.createServer(app)).listen(Number(process.env.PORT), '127.0.0.1', () => console.log(`${tuned ? 'tuned ' : ''}ceiling listening`));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
