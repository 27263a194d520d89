// Runs the /docs page: Swagger UI over /openapi.yaml, sending to this page's own origin, plus the
// token button and the test data panel above it. Plain browser JavaScript, served as is.

const form = document.getElementById('token-form');
const tokenStatus = document.getElementById('token-status');
const testData = document.getElementById('test-data');
const testDataContent = document.getElementById('test-data-content');

const clientId = () => form.elements.clientId.value.trim();

// The contract names the default local address as its server; whoever opened this page may run
// the sandbox on another host or port, and "Try it out" should reach the one that served the page.
const ServedFromHere = () => ({
  statePlugins: {
    spec: {
      wrapActions: {
        updateJsonSpec: (original) => (spec) =>
          original(spec && typeof spec === 'object' && spec.openapi ? { ...spec, servers: [{ url: location.origin, description: 'This sandbox, the one that served this page' }] } : spec),
      },
    },
  },
});

let specLoaded;
const ready = new Promise((resolve) => (specLoaded = resolve));

const ui = SwaggerUIBundle({
  url: '/openapi.yaml',
  dom_id: '#swagger-ui',
  presets: [SwaggerUIBundle.presets.apis],
  plugins: [ServedFromHere],
  layout: 'BaseLayout',
  deepLinking: true,
  displayRequestDuration: true,
  // The public validator badge would call validator.swagger.io.
  validatorUrl: null,
  // X-ClientID is a required header of most operations; prefilling it saves typing it into each one.
  parameterMacro: (_operation, parameter) => (parameter.in === 'header' && parameter.name === 'X-ClientID' ? clientId() : undefined),
  requestInterceptor: (request) => {
    if (!request.loadSpec && !Object.keys(request.headers).some((h) => h.toLowerCase() === 'x-clientid')) request.headers['X-ClientID'] = clientId();
    return request;
  },
  onComplete: () => specLoaded(),
});

const describeErrors = (body, status) =>
  Array.isArray(body?.errors) && body.errors.length ? body.errors.map((e) => `${e.code} ${e.description}`).join('; ') : `HTTP ${status}`;

async function requestToken(apikey, secret) {
  const res = await fetch('/token', {
    method: 'POST',
    headers: {
      apikey,
      Authorization: `Basic ${btoa(`${apikey}:${secret}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(describeErrors(body, res.status));
  return body;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const apikey = form.elements.apikey.value.trim();
  const secret = form.elements.secret.value;
  const button = form.querySelector('button');
  button.disabled = true;
  tokenStatus.className = 'status';
  tokenStatus.textContent = 'Asking POST /token…';
  try {
    const token = await requestToken(apikey, secret);
    await ready;
    ui.preauthorizeApiKey('apikey', apikey);
    ui.preauthorizeApiKey('bearerAuth', token.access_token);
    // So that "Try it out" on POST /token works too.
    ui.preauthorizeBasic('basicAuth', apikey, secret);
    const until = new Date(Date.now() + token.expires_in * 1000).toLocaleTimeString();
    tokenStatus.className = 'status ok';
    tokenStatus.textContent = `Authorized as ${apikey} until ${until}: every operation below now sends apikey, X-ClientID and this bearer token.`;
    await loadTestData({ apikey, 'X-ClientID': clientId(), Authorization: `Bearer ${token.access_token}` });
  } catch (err) {
    tokenStatus.className = 'status failed';
    tokenStatus.textContent = `No token: ${err.message}`;
  } finally {
    button.disabled = false;
  }
});

document.getElementById('test-data-link').addEventListener('click', () => (testData.open = true));

// The test data panel: GET /sandbox/fixtures as tables, built with DOM nodes so no value is read as HTML.

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, attributes);
  for (const child of children) node.append(child);
  return node;
}

/** A long list of numbers folds away, so one corporate fixture does not fill the screen. */
function numbers(list) {
  if (!Array.isArray(list) || list.length === 0) return '–';
  const items = list.map((n) => element('code', { textContent: n }));
  if (items.length <= 3) return element('span', { className: 'numbers' }, ...items);
  return element('details', {}, element('summary', { textContent: `${items.length} numbers` }), element('span', { className: 'numbers' }, ...items));
}

function table(columns, rows) {
  const head = element('tr', {}, ...columns.map(([title]) => element('th', { scope: 'col', textContent: title })));
  const body = rows.map((row) => element('tr', {}, ...columns.map(([, cell]) => element('td', {}, cell(row)))));
  return element('table', {}, element('thead', {}, head), element('tbody', {}, ...body));
}

const text = (value) => (value === undefined || value === null || value === '' ? '–' : typeof value === 'object' ? JSON.stringify(value) : String(value));
const code = (value) => (value === undefined || value === null || value === '' ? '–' : element('code', { textContent: String(value) }));

function fixturesTable(fixtures) {
  return table(
    [
      ['fixture', (f) => code(f.name)],
      ['what it is for', (f) => text(f.purpose)],
      ['organization', (f) => text(f.organizationNumber)],
      ['customer', (f) => code(f.customerNumber)],
      ['accounts', (f) => numbers(f.accountNumbers)],
      ['cards', (f) => numbers(f.cardNumbers)],
      ['relationship', (f) => code(f.relationshipNumber)],
    ],
    fixtures,
  );
}

function organizationsTable(organizations) {
  const logos = (o) =>
    element('ul', {}, ...(o.logos ?? []).map((l) => element('li', {}, code(l.logo), ` ${l.description} (${l.productType}, BIN `, code(l.bin), ')')));
  return table(
    [
      ['organization', (o) => code(o.organizationNumber)],
      ['name', (o) => text(o.name)],
      ['logos', logos],
    ],
    organizations,
  );
}

/** An example request in one line: method, path, then the body as sent. */
const requestLine = (r) =>
  r ? code(`${r.method} ${r.path}${r.headers ? ` ${JSON.stringify(r.headers)}` : ''}${r.rawBody !== undefined ? ` ${r.rawBody}` : r.body !== undefined ? ` ${JSON.stringify(r.body)}` : ''}`) : '–';

/** How to cause each error, folded per operation so the panel stays short. */
function errorTriggersTables(triggers) {
  const byOperation = new Map();
  for (const t of triggers) byOperation.set(t.operationId, [...(byOperation.get(t.operationId) ?? []), t]);
  const columns = [
    ['status', (t) => text(t.status)],
    ['code', (t) => code(t.code)],
    ['send', (t) => text(t.send)],
    ['request', (t) => element('span', {}, ...(t.setup ?? []).map((r) => element('span', {}, 'first ', requestLine(r), ', then ')), requestLine(t.request))],
  ];
  return element('div', {}, ...[...byOperation].map(([operationId, rows]) =>
    element('details', {}, element('summary', { textContent: `${operationId} (${rows.length})` }), table(columns, rows))));
}

function commonErrorTriggersTable(triggers) {
  const rows = table(
    [
      ['status', (t) => text(t.status)],
      ['code', (t) => code(t.code)],
      ['send', (t) => text(t.send)],
      ['operations', (t) => element('details', {}, element('summary', { textContent: `${t.operationIds.length} operations` }), element('span', { className: 'numbers' }, ...t.operationIds.map(code)))],
      ['request', (t) => (t.request ? requestLine(t.request) : text(`needs ${t.needs}`))],
    ],
    triggers,
  );
  return element('details', {}, element('summary', { textContent: `${triggers.length} errors` }), rows);
}

/** Anything else the answer carries (the list may grow), shown plainly rather than dropped. */
function anyValue(value) {
  if (Array.isArray(value) && value.length && value.every((v) => v && typeof v === 'object' && !Array.isArray(v))) {
    const keys = [...new Set(value.flatMap(Object.keys))];
    return table(keys.map((k) => [k, (row) => text(row[k])]), value);
  }
  if (Array.isArray(value)) return element('ul', {}, ...value.map((v) => element('li', { textContent: text(v) })));
  return element('p', { textContent: text(value) });
}

async function loadTestData(headers) {
  testDataContent.replaceChildren(element('p', { textContent: 'Loading GET /sandbox/fixtures…' }));
  const res = await fetch('/sandbox/fixtures', { headers });
  const body = await res.json().catch(() => null);
  if (!res.ok || !body?.data) {
    testDataContent.replaceChildren(element('p', { className: 'failed', textContent: `GET /sandbox/fixtures failed: ${describeErrors(body, res.status)}` }));
    return;
  }
  const { tenant, fixtures, organizations, businessDate, clockSet, errorTriggers, commonErrorTriggers, ...rest } = body.data;
  const parts = [
    element('p', {}, 'Tenant ', element('strong', { textContent: text(tenant) }), '. Customers are addressed with numberType 1 and their organization.'),
    element('p', {}, 'Business date ', element('strong', { textContent: text(businessDate) }), clockSet ? ', set by the test clock (DELETE /sandbox/clock returns to the real date).' : ' (the real date).'),
    element('h3', { textContent: 'Fixtures' }),
    fixturesTable(fixtures ?? []),
    element('h3', { textContent: 'Organizations and logos' }),
    organizationsTable(organizations ?? []),
    element('h3', { textContent: 'How to cause each error' }),
    element('p', { textContent: 'Send the request with the usual headers; the Prefer header (code=404, errorCode=…, latency=800, fault=reset) forces any of these instead.' }),
    errorTriggersTables(errorTriggers ?? []),
    element('h3', { textContent: 'Errors any operation can meet before it runs' }),
    commonErrorTriggersTable(commonErrorTriggers ?? []),
  ];
  for (const [key, value] of Object.entries(rest)) parts.push(element('h3', { textContent: key }), anyValue(value));
  testDataContent.replaceChildren(...parts);
  testData.open = true;
}
