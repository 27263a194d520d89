// Every operation of openapi.yaml, keyed by operationId. The compiler checks that this map names
// exactly the contract's operations, each with a handler of the right shape.
import { addCustomer } from './add-customer.js';
import { exportSandbox } from './export-sandbox.js';
import { findAccountNumbers } from './find-account-numbers.js';
import { findRelationshipNumbers } from './find-relationship-numbers.js';
import { generateNumbers } from './generate-numbers.js';
import { getCardDetails } from './get-card-details.js';
import { getMetrics } from './get-metrics.js';
import { importSandbox } from './import-sandbox.js';
import { inquireCurrentPriorAddress } from './inquire-current-prior-address.js';
import { inquireDemographicData } from './inquire-demographic-data.js';
import { lookupCustomers } from './lookup-customers.js';
import { getHealth, getSandboxFixtures, resetSandbox } from './sandbox.js';
import { clearSandboxClock, setSandboxClock } from './sandbox-clock.js';
import { clearSandboxRequests, listSandboxRequests } from './sandbox-requests.js';
import { getToken } from './get-token.js';
import { updateCustomer } from './update-customer.js';
import type { HandlerMap, PublicOperationId, RawOperationId, TenantAdminOperationId, TextOperationId } from './types.js';

export const handlers = {
  getToken,
  addCustomer,
  updateCustomer,
  findAccountNumbers,
  getCardDetails,
  generateNumbers,
  inquireDemographicData,
  lookupCustomers,
  findRelationshipNumbers,
  inquireCurrentPriorAddress,
  getHealth,
  getMetrics,
  getSandboxFixtures,
  resetSandbox,
  exportSandbox,
  importSandbox,
  listSandboxRequests,
  clearSandboxRequests,
  setSandboxClock,
  clearSandboxClock,
} satisfies HandlerMap;

export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set<PublicOperationId>(['getHealth']);
export const TENANT_ADMIN_OPERATIONS: ReadonlySet<string> = new Set<TenantAdminOperationId>([
  'resetSandbox',
  'importSandbox',
  'listSandboxRequests',
  'clearSandboxRequests',
]);
export const RAW_OPERATIONS: ReadonlySet<string> = new Set<RawOperationId>(['getToken']);
/**
 * Operations that read the customer search index itself: they wait for it while a large tenant's
 * is built. (A lookup does not: until then the store answers it from a scan.)
 */
export const SEARCH_OPERATIONS: ReadonlySet<string> = new Set<keyof HandlerMap>(['getSandboxFixtures']);
/** Operations that may commit a change to the tenant's data. */
export const WRITE_OPERATIONS: ReadonlySet<string> = new Set<keyof HandlerMap>(['addCustomer', 'updateCustomer', 'generateNumbers', 'setSandboxClock', 'clearSandboxClock']);
export const TEXT_OPERATIONS: ReadonlySet<string> = new Set<TextOperationId>(['getMetrics']);
