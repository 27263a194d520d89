// The platform answers a value outside a field's range with a business code of its own, while
// the contract states the same range in the schema so that a client generated from it knows it.
// This table joins the two: a schema violation of one of these fields is answered with the
// field's business code instead of the generic SBX400V. The rule itself lives only in openapi.yaml.
import type { ErrorName } from './errors.js';

export interface SchemaCode {
  /** The last segment of the violated field's path, e.g. vipStatus. */
  field: string;
  /** Only for these operations; every customer operation when left out. */
  operationId?: string | readonly string[];
  /** Only for these Ajv keywords (maxLength, minimum…); any keyword when left out. */
  keywords?: string[];
  error: ErrorName;
}

const FUZZY_SWITCHES = [
  'lastNameFuzzySwitch', 'identifierFuzzySwitch', 'phoneFuzzySwitch', 'postalFuzzySwitch', 'firstNameFuzzySwitch',
  'middleNameFuzzySwitch', 'titleFuzzySwitch', 'suffixFuzzySwitch', 'countryFuzzySwitch', 'user14FuzzySwitch', 'user15FuzzySwitch',
];
/** The platform's customer operations; the sandbox's own (token, import) keep their own codes. */
const CUSTOMER_OPERATIONS = [
  'addCustomer', 'updateCustomer', 'findAccountNumbers', 'getCardDetails', 'generateNumbers', 'inquireDemographicData',
  'lookupCustomers', 'findRelationshipNumbers', 'inquireCurrentPriorAddress',
];
const LOOKUP_OPTIONS = ['lastNameOption', 'identifierOption', 'phoneNumberOption', 'postalCodeOption'];

/** First match wins, so operation-specific rows come before the general ones. */
export const SCHEMA_CODES: readonly SchemaCode[] = [
  // Customer lookup (VPL5SZL).
  { field: 'numberOfRecords', operationId: 'lookupCustomers', error: 'LOOKUP_TOO_MANY' },
  { field: 'serviceFunctionCode', operationId: 'lookupCustomers', error: 'LOOKUP_FUNCTION_INVALID' },
  { field: 'optionalDataMatch', operationId: 'lookupCustomers', error: 'LOOKUP_MATCH_INVALID' },
  { field: 'identifier', operationId: 'lookupCustomers', keywords: ['maxLength'], error: 'LOOKUP_ID_LONG' },
  { field: 'phoneNumber', operationId: 'lookupCustomers', keywords: ['maxLength'], error: 'LOOKUP_PHONE_LONG' },
  ...LOOKUP_OPTIONS.map((field): SchemaCode => ({ field, operationId: 'lookupCustomers', error: 'LOOKUP_OPTION_INVALID' })),
  ...FUZZY_SWITCHES.map((field): SchemaCode => ({ field, operationId: 'lookupCustomers', error: 'LOOKUP_FUZZY_INVALID' })),

  // Relationship inquiry (VPL5SRC): its own codes for the organization.
  { field: 'organizationNumber', operationId: 'findRelationshipNumbers', keywords: ['type'], error: 'RELATIONSHIP_ORG_NOT_NUMERIC' },
  { field: 'organizationNumber', operationId: 'findRelationshipNumbers', keywords: ['minimum', 'maximum'], error: 'RELATIONSHIP_ORG_INVALID' },

  // Token call and tenant import.
  { field: 'grant_type', operationId: 'getToken', keywords: ['enum'], error: 'GRANT_TYPE_INVALID' },
  { field: 'dataVersion', operationId: 'importSandbox', keywords: ['minimum', 'maximum'], error: 'IMPORT_INVALID' },
  { field: 'date', operationId: 'setSandboxClock', error: 'CLOCK_DATE_INVALID' },

  // Number reservation.
  { field: 'dualIndicator', operationId: 'generateNumbers', error: 'DUAL_INDICATOR_INVALID' },

  // Customer add, update and inquiry (VPL5SGC).
  { field: 'organizationNumber', keywords: ['minimum', 'maximum', 'type'], error: 'ORG_INVALID' },
  { field: 'numberType', error: 'NUMBER_TYPE_INVALID' },
  { field: 'foreignUseIndicator', error: 'FOREIGN_USE_INVALID' },
  { field: 'demographicDataIndicator', error: 'DEMOGRAPHIC_INDICATOR_INVALID' },
  { field: 'userDataIndicator', error: 'USER_DATA_INDICATOR_INVALID' },
  { field: 'status', error: 'STATUS_INVALID' },
  { field: 'vipStatus', error: 'VIP_STATUS_INVALID' },
  { field: 'maritalStatus', error: 'MARITAL_STATUS_INVALID' },
  { field: 'nameTypeIndicator1', error: 'NAME_TYPE_1_INVALID' },
  { field: 'nameTypeIndicator2', error: 'NAME_TYPE_2_INVALID' },
  { field: 'nameTypeIndicator3', error: 'NAME_TYPE_3_INVALID' },
  { field: 'postalCode', keywords: ['pattern'], error: 'POSTAL_CODE_INVALID' },
  { field: 'ownOrRentResidenceFlag', error: 'RESIDENCE_INVALID' },
  { field: 'identificationNumberFlag', error: 'TAX_ID_TYPE_INVALID' },
  { field: 'taxIdType', error: 'TAX_ID_TYPE_INVALID' },
  { field: 'homePhoneFlag', error: 'HOME_PHONE_FLAG_INVALID' },
  { field: 'homePhoneIndicator', error: 'HOME_PHONE_FLAG_INVALID' },
  { field: 'employerPhoneFlag', error: 'WORK_PHONE_FLAG_INVALID' },
  { field: 'faxPhoneFlag', error: 'FAX_FLAG_INVALID' },
  { field: 'faxPhoneIndicator', error: 'FAX_FLAG_INVALID' },
  { field: 'mobilePhoneFlag', error: 'MOBILE_FLAG_INVALID' },
  { field: 'mobilePhoneIndicator', error: 'MOBILE_FLAG_INVALID' },
  { field: 'emailFlag', error: 'EMAIL_FLAG_INVALID' },
  { field: 'emailIndicator', error: 'EMAIL_FLAG_INVALID' },
  { field: 'genderCode', error: 'GENDER_INVALID' },
];

export function appliesTo(row: SchemaCode, operationId: string | undefined): boolean {
  const operations = row.operationId ?? CUSTOMER_OPERATIONS;
  return operationId !== undefined && (typeof operations === 'string' ? operations === operationId : operations.includes(operationId));
}

/** The business error for a violation at `path` (the validator's /body/... path), if the table has one. */
export function schemaCodeFor(operationId: string | undefined, path: string | undefined, keyword: string | undefined): ErrorName | undefined {
  // A field that should not be there, or is missing, is about the request's shape, not its value.
  if (keyword === 'additionalProperties' || keyword === 'required') return undefined;
  const field = path?.split('/').filter(Boolean).pop();
  if (!field) return undefined;
  const row = SCHEMA_CODES.find((r) => r.field === field && appliesTo(r, operationId) && (!r.keywords || (keyword !== undefined && r.keywords.includes(keyword))));
  return row?.error;
}
