// docker-compose.yml cannot be run here (no Docker engine in CI), so its parts are checked against
// one another: the sandboxes reach the database the postgres service creates, share a token key,
// and are the upstreams nginx sends requests to, on the port the image listens on.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { ROOT } from './helpers/processes.js';

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true });
const nginx = readFileSync(path.join(ROOT, 'deploy', 'nginx.conf'), 'utf8');
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const services = compose.services as Record<string, any>;
const sandboxes = Object.keys(services).filter((name) => services[name].build !== undefined);

describe('docker-compose.yml', () => {
  it('when read, then it has PostgreSQL 15, two sandboxes built from the Dockerfile, and nginx', () => {
    assert.equal(services.postgres.image, 'postgres:15');
    assert.deepEqual(sandboxes, ['sandbox-a', 'sandbox-b']);
    for (const name of sandboxes) assert.equal(services[name].build, '.');
    assert.match(services.nginx.image, /^nginx:/);
  });

  it('when the sandboxes start, then their DATABASE_URL is the database postgres creates, and they wait for it to be healthy', () => {
    const pg = services.postgres.environment;
    for (const name of sandboxes) {
      const url = new URL(services[name].environment.DATABASE_URL);
      assert.equal(url.protocol, 'postgres:');
      assert.equal(url.hostname, 'postgres');
      assert.equal(url.port, '5432');
      assert.equal(decodeURIComponent(url.username), pg.POSTGRES_USER);
      assert.equal(decodeURIComponent(url.password), pg.POSTGRES_PASSWORD);
      assert.equal(url.pathname, `/${pg.POSTGRES_DB}`);
      assert.equal(services[name].depends_on.postgres.condition, 'service_healthy');
    }
    assert.ok(services.postgres.healthcheck.test.join(' ').includes('pg_isready'));
  });

  it('when a token from one sandbox reaches the other, then it is valid there: they share TOKEN_KEY', () => {
    const keys = sandboxes.map((name) => services[name].environment.TOKEN_KEY);
    assert.ok(keys[0]);
    assert.equal(new Set(keys).size, 1);
  });

  it('when nginx proxies, then its upstreams are the sandboxes on the port the image listens on, and it listens on the published port', () => {
    const port = /PORT=(\d+)/.exec(dockerfile)![1];
    const upstream = /upstream sandbox \{([^}]*)\}/.exec(nginx)![1];
    const servers = [...upstream.matchAll(/server ([\w-]+):(\d+);/g)].map((m) => `${m[1]}:${m[2]}`);
    assert.deepEqual(servers, sandboxes.map((name) => `${name}:${port}`));
    assert.match(nginx, /proxy_pass http:\/\/sandbox;/);
    const listen = /listen (\d+);/.exec(nginx)![1];
    assert.deepEqual(services.nginx.ports, [`8080:${listen}`]);
    assert.ok(services.nginx.volumes.includes('./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro'));
    assert.match(nginx, /client_max_body_size 50m;/, 'an import of the default IMPORT_BODY_LIMIT passes nginx');
  });

  it('when the image is built, then it holds the migrations the sandbox applies at start', () => {
    assert.match(dockerfile, /^COPY migrations \.\/migrations$/m);
    assert.doesNotMatch(readFileSync(path.join(ROOT, '.dockerignore'), 'utf8'), /^migrations/m);
  });
});
