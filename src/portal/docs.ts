// The interactive documentation at /docs: Swagger UI over the served /openapi.yaml, under a panel of
// our own that gets a token and shows the test data. Every file the page loads comes from this
// repository or the installed swagger-ui-dist, so it works with no internet at all. The router is
// mounted before access control and the contract validator: none of this is an API operation, and
// anything under /docs it does not know ends here as the API's own 404.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';
import { ApiError } from '../http/errors.js';

const PUBLIC_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const SWAGGER_UI_DIR = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

// Named one by one: swagger-ui-dist also ships an index page and initializer that load a petstore
// from the internet, and those must not be reachable here.
const ASSETS = new Map<string, string>([
  ['docs.js', path.join(PUBLIC_DIR, 'docs.js')],
  ['docs.css', path.join(PUBLIC_DIR, 'docs.css')],
  ...['swagger-ui-bundle.js', 'swagger-ui-bundle.js.map', 'swagger-ui.css', 'swagger-ui.css.map', 'favicon-32x32.png', 'favicon-16x16.png'].map(
    (name): [string, string] => [name, path.join(SWAGGER_UI_DIR, name)],
  ),
]);

// The page may only talk to its own origin; a request elsewhere would break the offline promise.
// Swagger UI sets inline styles and uses data: images in its CSS.
const PAGE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export function docsRouter(): Router {
  const router = express.Router();
  router.get('/', (_req, res) => res.redirect(302, '/docs'));
  router.get('/docs', (_req, res) => {
    res.set('Content-Security-Policy', PAGE_POLICY).sendFile(path.join(PUBLIC_DIR, 'docs.html'));
  });
  router.get('/docs/:asset', (req, res, next) => {
    const file = ASSETS.get(req.params.asset);
    if (!file) return next(new ApiError('ROUTE_NOT_FOUND'));
    res.sendFile(file);
  });
  router.use('/docs', (_req, _res, next) => next(new ApiError('ROUTE_NOT_FOUND')));
  return router;
}
