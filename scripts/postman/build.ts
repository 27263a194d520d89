// Builds postman/collection.json and postman/environment.json from openapi.yaml with Postman's own
// converter, then adds what a converter cannot know: the access rules (a collection script), the
// Partner journey folder, and stable ids, so the same contract always gives the same bytes.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { JOURNEY_STEPS, type JourneyStep } from './journey.js';

const ROOT = new URL('../../', import.meta.url);
export const SPEC_FILE = new URL('openapi.yaml', ROOT);
export const COLLECTION_FILE = new URL('postman/collection.json', ROOT);
export const ENVIRONMENT_FILE = new URL('postman/environment.json', ROOT);

/** The environment's variables, with the demo tenant's values. */
export const DEMO_ENVIRONMENT = {
  baseUrl: 'http://127.0.0.1:8080',
  apikey: 'demo-apikey',
  secret: 'demo-secret',
  clientId: '00970',
  orgid: '970',
  // false sends requests unsigned (signed-apikey then refuses them with SBX401G).
  sign: 'true',
};

type Json = Record<string, any>;

/** A name-based UUID (version 5 layout), so an item keeps its id from one generation to the next. */
export function stableId(name: string): string {
  const h = createHash('sha1').update(`firstvision-sandbox-postman:${name}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** mulberry32: a small seeded generator, enough to make the converter's faked values repeatable. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// The converter fakes values for schemas without examples through Math.random, in places no option
// reaches, and fakes dates as days before now. While it converts, Math.random draws from a
// generator seeded afresh for each run, and now is one fixed instant, so the files do not change
// from one day to the next.
const originalRandom = Math.random;
let randomSource = originalRandom;
const OriginalDate = Date;
const FIXED_NOW = OriginalDate.UTC(2026, 3, 1);

class FixedNowDate extends OriginalDate {
  constructor(...args: unknown[]) {
    super(...((args.length === 0 ? [FIXED_NOW] : args) as [number]));
  }
  static override now() {
    return FIXED_NOW;
  }
}

async function convert(spec: string): Promise<Json> {
  randomSource = seeded(20260401);
  Math.random = () => randomSource();
  globalThis.Date = FixedNowDate as DateConstructor;
  try {
    const { default: Converter } = await import('openapi-to-postmanv2');
    return await new Promise((resolve, reject) => {
      Converter.convertV2(
        { type: 'string', data: spec },
        { folderStrategy: 'Tags', parametersResolution: 'Example', enableOptionalParameters: false, alwaysInheritAuthentication: true },
        (err, result) => {
          if (err) reject(new Error(`openapi-to-postmanv2: ${err.message}`));
          else if (!result?.result || !result.output?.[0]) reject(new Error(`openapi-to-postmanv2: ${result?.reason}`));
          else resolve(result.output[0].data as Json);
        },
      );
    });
  } finally {
    randomSource = originalRandom;
    Math.random = originalRandom;
    globalThis.Date = OriginalDate;
  }
}

// Postman runs every script of a run in one global scope, so each is wrapped in a function: its
// const declarations would otherwise collide with the same names from the script before.
const script = (name: string, listen: 'prerequest' | 'test', source: string) => ({
  listen,
  script: {
    id: stableId(`script:${name}:${listen}`),
    type: 'text/javascript',
    exec: ['(function () {', ...source.replace(/^\n+|\s+$/g, '').split('\n'), '})();'],
  },
});

const scriptFile = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

// The collection script sets these on every request, so the converter's copies (with faked values)
// would only collide with them.
const SCRIPTED_HEADERS = new Set(['apikey', 'x-clientid', 'x-client-request-id', 'timestamp', 'signature', 'authorization']);

function tidyRequest(request: Json) {
  request.header = (request.header ?? []).filter((h: Json) => !SCRIPTED_HEADERS.has(String(h.key).toLowerCase()));
  for (const q of request.url?.query ?? []) if (q.key === 'organizationNumber') q.value = '{{orgid}}';
  if (request.url?.path?.join('/') === 'token') {
    request.auth = { type: 'basic', basic: [{ key: 'username', value: '{{apikey}}' }, { key: 'password', value: '{{secret}}' }] };
    for (const f of request.body?.urlencoded ?? []) if (f.key === 'grant_type') f.value = 'client_credentials';
  } else {
    // Access is the collection script's job; the request inherits "no auth" from the collection.
    delete request.auth;
  }
}

function tidyItem(item: Json, trail: string) {
  const path = `${trail}/${item.name}`;
  if (item.item) {
    delete item.id;
    item.item.forEach((child: Json) => tidyItem(child, path));
    return;
  }
  item.id = stableId(`item:${path}`);
  tidyRequest(item.request);
  // Only the success example stays: the error examples are one envelope with faked codes, and
  // would make up most of the file.
  item.response = (item.response ?? []).filter((r: Json) => r.code >= 200 && r.code < 300);
  item.response.forEach((r: Json, i: number) => {
    r.id = stableId(`response:${path}:${i}`);
    tidyRequest(r.originalRequest);
  });
}

function journeyItem(step: JourneyStep, index: number): Json {
  const request: Json = {
    method: step.method,
    header: step.body === undefined ? [] : [{ key: 'Content-Type', value: 'application/json' }],
    url: { raw: ['{{baseUrl}}', ...step.path].join('/'), host: ['{{baseUrl}}'], path: step.path },
  };
  if (step.body !== undefined) request.body = { mode: 'raw', raw: step.body, options: { raw: { language: 'json' } } };
  const name = `${String(index + 1).padStart(2, '0')} ${step.name}`;
  return { id: stableId(`journey:${step.name}`), name, event: [script(`journey:${step.name}`, 'test', step.test)], request, response: [] };
}

const COLLECTION_DESCRIPTION = `Generated from openapi.yaml by \`npm run postman\`; do not edit by hand.

Choose the environment from postman/environment.json (or GET /postman/environment.json from a running sandbox) and run the **Partner journey** folder: it adds a customer, reads, moves, finds and lists it, and reserves numbers, checking every answer.

The collection's pre-request script does what the platform asks of every call: it gets a token from POST /token (Basic apikey:secret) and keeps it until shortly before its 900 seconds run out, sends apikey, X-ClientID and Authorization: Bearer, and signs the request (X-Client-Request-Id, Timestamp, Signature = Base64(HMAC-SHA256(secret, apikey + X-Client-Request-Id + Timestamp + raw body))) unless the environment's \`sign\` is false. The tenant signed-apikey accepts signed requests only.

The other folders hold one request per operation, with the contract's examples as bodies.`;

export async function buildCollection(): Promise<Json> {
  const converted = await convert(readFileSync(SPEC_FILE, 'utf8'));
  converted.item.forEach((folder: Json) => tidyItem(folder, ''));
  const journey = {
    name: 'Partner journey',
    description: 'Run this folder in order: each request takes the numbers it needs from the answers before it.',
    item: JOURNEY_STEPS.map(journeyItem),
  };
  return {
    info: {
      _postman_id: stableId('collection'),
      name: converted.info.name,
      description: COLLECTION_DESCRIPTION,
      schema: converted.info.schema,
    },
    item: [journey, ...converted.item],
    event: [
      script('collection', 'prerequest', scriptFile('collection-pre-request.js')),
      script('collection', 'test', scriptFile('collection-test.js')),
    ],
    variable: [
      { key: 'baseUrl', value: DEMO_ENVIRONMENT.baseUrl },
      // Filled by the scripts: the cached token, and the numbers the journey passes along.
      { key: 'accessToken', value: '' },
      { key: 'accessTokenExpiresAt', value: '' },
      { key: 'accessTokenFor', value: '' },
    ],
    auth: { type: 'noauth' },
  };
}

export function buildEnvironment(baseUrl = DEMO_ENVIRONMENT.baseUrl): Json {
  const values = { ...DEMO_ENVIRONMENT, baseUrl };
  return {
    id: stableId('environment'),
    name: 'FirstVision sandbox',
    values: Object.entries(values).map(([key, value]) => ({ key, value, type: key === 'secret' ? 'secret' : 'default', enabled: true })),
    _postman_variable_scope: 'environment',
  };
}

export const toFileText = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Both files as they should be committed. */
export async function buildPostmanFiles(): Promise<{ collection: string; environment: string }> {
  return { collection: toFileText(await buildCollection()), environment: toFileText(buildEnvironment()) };
}
