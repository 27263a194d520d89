// The calls the HTTP benchmark measures, sent byte for byte the same to every server, and the
// credentials that open them on the sandbox (Prism and the ceiling ignore the headers' values).
import type { CapturedAnswer } from './ceiling.js';

export interface Call {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  /** The load generator replaces `__N__` in the body with a counter, so each add is a different customer. */
  numbered?: boolean;
}

const json = (value: unknown) => JSON.stringify(value);

/** The prefix the lookup searches; the run adds LOOKUP_SETUP_ADDS customers under it first (see below). */
export const LOOKUP_PREFIX = 'GA';

export const CALLS: Call[] = [
  {
    name: 'demographicData',
    method: 'POST',
    path: '/customer/demographicData',
    body: json({ customerAccountCardNumber: '4597000000000000001', numberType: 1, organizationNumber: 970 }),
  },
  // The corporate fixture: 45 accounts, the first page of them.
  { name: 'accountNumber', method: 'POST', path: '/customer/accountNumber', body: json({ customerNumber: '4597000000000000002', organizationNumber: 970 }) },
  { name: 'details-l8v4', method: 'POST', path: '/customer/details-l8v4', body: json({ customerNumber: '4597000000000000001', organizationNumber: 970 }) },
  {
    name: 'lookup',
    method: 'POST',
    path: '/customer/lookup',
    body: json({ numberOfRecords: 20, primarySearchData: { lastBusinessName: `${LOOKUP_PREFIX}*` } }),
  },
  { name: 'current-prior-address', method: 'GET', path: '/customer/4597000000000000001/current-prior-address' },
  // A new customer each time, with a customer number and an account the sandbox generates: a durable write.
  { name: 'add', method: 'POST', path: '/customer', body: json(newCustomer('BENCH __N__')), numbered: true },
];

export function newCustomer(lastName: string) {
  return {
    customerData: {
      ownerCoOwnerData: {
        ownerData: {
          firstName: 'LOAD',
          lastName,
          dateOfBirth: '1985-03-14',
          houseAddress1: 'AV CORRIENTES 1234',
          city: 'CORDOBA',
          state: 'CB',
          countryCode: 'ARG',
          homePhoneNumber: '351-555-0101',
        },
      },
    },
  };
}

/**
 * The seeded tenant has only 4 customers whose last name starts with GA (no two-letter prefix
 * reaches 20), so the run adds these before it starts and the lookup answers a full page of 20.
 */
export const LOOKUP_SETUP_ADDS = 20;

/** Adds the LOOKUP_SETUP_ADDS customers the lookup call finds, as demo-apikey. */
export async function prepareLookup(base: string, token: string): Promise<void> {
  const add = CALLS.find((c) => c.name === 'add')!;
  for (let i = 1; i <= LOOKUP_SETUP_ADDS; i++) {
    const res = await send(base, { ...add, body: JSON.stringify(newCustomer(`${LOOKUP_PREFIX}LINDO BENCH ${i}`)), numbered: false }, headersFor(DEMO, token, add));
    if (res.status !== 201) throw new Error(`setup add answered ${res.status}: ${res.text}`);
  }
}

export interface Tenant {
  apikey: string;
  secret: string;
  clientId: string;
}

export const DEMO: Tenant = { apikey: 'demo-apikey', secret: 'demo-secret', clientId: '00970' };
export const PARTNER: Tenant = { apikey: 'partner-apikey', secret: 'partner-secret', clientId: '00970' };

/** A bearer token from the sandbox's POST /token, as a partner gets one. */
export async function tokenFor(base: string, tenant: Tenant): Promise<string> {
  const res = await fetch(`${base}/token`, {
    method: 'POST',
    headers: {
      apikey: tenant.apikey,
      Authorization: `Basic ${Buffer.from(`${tenant.apikey}:${tenant.secret}`).toString('base64')}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: 'grant_type=client_credentials',
  });
  if (res.status !== 200) throw new Error(`POST /token for ${tenant.apikey}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The headers of every measured request: full platform authentication. */
export function headersFor(tenant: Tenant, token: string, call: Pick<Call, 'body'>): Record<string, string> {
  return {
    apikey: tenant.apikey,
    'X-ClientID': tenant.clientId,
    Authorization: `Bearer ${token}`,
    ...(call.body === undefined ? {} : { 'Content-Type': 'application/json' }),
  };
}

/** The sandbox's answer to a call, as the ceiling (bench/http/ceiling.ts) replays it. */
export async function captureAnswer(base: string, call: Call, headers: Record<string, string>): Promise<CapturedAnswer & { text: string }> {
  const res = await send(base, call, headers, 0);
  if (res.status < 200 || res.status > 299) throw new Error(`sandbox: ${call.name} answered ${res.status}: ${res.text}`);
  return { method: call.method, path: call.path, status: res.status, body: JSON.parse(res.text) as unknown, text: res.text };
}

/** One request of a call over fetch (setup, capture and probes; never the measured load). */
export async function send(base: string, call: Call, headers: Record<string, string>, n = 0): Promise<{ status: number; text: string }> {
  const body = call.numbered ? call.body!.replace('__N__', `SETUP ${n}`) : call.body;
  const res = await fetch(base + call.path, { method: call.method, headers, body });
  return { status: res.status, text: await res.text() };
}
