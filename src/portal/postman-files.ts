// GET /postman/collection.json and /postman/environment.json: the committed files of
// `npm run postman`, so a partner can import them from a running sandbox by link. The environment
// points at the sandbox that served it. Mounted, like /docs, before access control and the contract
// validator: these are downloads for anyone, not API operations.
import { readFile } from 'node:fs/promises';
import express, { type Request, type Router } from 'express';
import { ApiError } from '../http/errors.js';

const DIR = new URL('../../postman/', import.meta.url);

// What a Host header may hold here (a name or address, and a port); anything else is not echoed
// into the file and the committed baseUrl stays.
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

function originOf(req: Request): string | undefined {
  const host = req.get('host');
  return host && HOST.test(host) ? `${req.protocol}://${host}` : undefined;
}

export function postmanFilesRouter(): Router {
  const router = express.Router();
  router.get('/postman/collection.json', async (_req, res, next) => {
    try {
      const text = await readFile(new URL('collection.json', DIR), 'utf8');
      res.type('application/json').attachment('firstvision-sandbox.postman_collection.json').send(text);
    } catch (err) {
      next(err);
    }
  });
  router.get('/postman/environment.json', async (req, res, next) => {
    try {
      const environment = JSON.parse(await readFile(new URL('environment.json', DIR), 'utf8'));
      const origin = originOf(req);
      for (const v of environment.values) if (v.key === 'baseUrl' && origin) v.value = origin;
      res.type('application/json').attachment('firstvision-sandbox.postman_environment.json').send(`${JSON.stringify(environment, null, 2)}\n`);
    } catch (err) {
      next(err);
    }
  });
  router.use('/postman', (_req, _res, next) => next(new ApiError('ROUTE_NOT_FOUND')));
  return router;
}
