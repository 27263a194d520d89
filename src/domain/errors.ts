// The catalogue of every error the sandbox answers. Platform codes are used where the public
// FirstVision specs name one; codes starting with SBX belong to the sandbox itself. It lives in
// the domain so that rules and the store can raise errors without knowing about HTTP; each entry's
// status is the platform's status for that code, which src/http renders into the envelope.

export interface ErrorTemplate {
  status: number;
  code: string;
  description: string;
}

const t = (status: number, code: string, description: string): ErrorTemplate => ({ status, code, description });

export const ERRORS = {
  // Generic, raised by the HTTP layer.
  VALIDATION: t(400, 'SBX400V', 'The request does not match the contract'),
  MALFORMED_JSON: t(400, 'SBX400J', 'The body is not valid JSON'),
  UNKNOWN_APIKEY: t(401, 'SBX401K', 'The apikey header is missing or not known to the sandbox'),
  CLIENT_ID_MISMATCH: t(401, 'SBX401C', 'The X-ClientID header is missing or is not the one registered for this apikey'),
  TOKEN_MISSING: t(401, 'SBX401T', 'An Authorization header with a bearer token from POST /token is required'),
  TOKEN_INVALID: t(401, 'SBX401X', 'The bearer token is malformed or was not issued by this sandbox'),
  TOKEN_EXPIRED: t(401, 'SBX401E', 'The bearer token has expired; get a new one from POST /token'),
  TOKEN_OTHER_TENANT: t(401, 'SBX401W', 'The bearer token was issued to another apikey'),
  BASIC_REQUIRED: t(401, 'SBX401B', 'HTTP Basic credentials are required: the apikey as user and the client secret as password'),
  SECRET_MISMATCH: t(401, 'SBX401S', 'The client secret does not match the apikey'),
  BASIC_USER_MISMATCH: t(401, 'SBX401M', 'The Basic user name must be the same apikey as the apikey header'),
  GRANT_TYPE_INVALID: t(400, 'SBX400G', 'grant_type must be client_credentials'),
  SIGNATURE_REQUIRED: t(401, 'SBX401G', 'This apikey requires every request to be signed (Signature header)'),
  SIGNED_HEADERS_MISSING: t(401, 'SBX401F', 'A signed request needs the X-Client-Request-Id and Timestamp headers'),
  TIMESTAMP_SKEWED: t(401, 'SBX401N', 'The Timestamp is more than five minutes away from the sandbox clock'),
  SIGNATURE_INVALID: t(401, 'SBX401H', 'The Signature does not match the request'),
  REPLAYED: t(425, 'SBX425R', 'This X-Client-Request-Id was already used in a signed request within the last five minutes'),
  RATE_LIMITED: t(429, 'SBX429L', 'Too many requests for this apikey; wait for the time in Retry-After'),
  JSON_TOO_DEEP: t(400, 'SBX400N', 'The body nests objects or arrays deeper than the sandbox accepts'),
  CORS_ORIGIN_REFUSED: t(403, 'SBX403O', 'Pages on this origin may not call the sandbox (it is not in CORS_ORIGINS)'),
  ROUTE_NOT_FOUND: t(404, 'SBX404R', 'No operation answers this path'),
  METHOD_NOT_ALLOWED: t(405, 'SBX405M', 'This path does not answer this method'),
  BODY_TOO_LARGE: t(413, 'SBX413B', 'The body is larger than the sandbox accepts'),
  UNSUPPORTED_MEDIA_TYPE: t(415, 'SBX415C', 'The body must be sent as application/json'),
  INTERNAL: t(500, 'SBX500I', 'The sandbox failed to answer; the failure is in its log'),
  OFF_CONTRACT: t(500, 'SBX500R', 'The sandbox produced an answer outside its own contract; the details are in its log'),
  TENANT_UNAVAILABLE: t(503, 'SBX503T', 'The tenant data cannot be loaded'),
  IMPORT_INVALID: t(400, 'SBX400I', 'The imported tenant data does not hold together; nothing was changed'),
  PREFER_INVALID: t(400, 'SBX400P', 'The Prefer header asks for a status, code or behaviour this operation does not document'),
  CLOCK_DATE_INVALID: t(400, 'SBX400T', 'The test clock takes a calendar date between 1900-01-01 and 2999-12-31, written YYYY-MM-DD'),

  // Customer add/update/inquiry (VPL5SGC).
  ORG_INVALID: t(400, 'VPL5SGC01E', 'The organization number must be between 001 and 998'),
  NUMBER_REQUIRED: t(400, 'VPL5SGC02E', 'A customer, account or card number is required'),
  FOREIGN_USE_INVALID: t(400, 'VPL5SGC03E', 'The foreign-use indicator must be blank, 0 or 1'),
  NUMBER_TYPE_INVALID: t(400, 'VPL5SGC04E', 'The number type must be blank, 0 or 1'),
  ORG_REQUIRED: t(400, 'VPL5SGC05E', 'The organization number is required when the number type is 1'),
  DEMOGRAPHIC_INDICATOR_INVALID: t(400, 'VPL5SGC06E', 'The demographic data indicator must be blank, 0, 1 or 2'),
  USER_DATA_INDICATOR_INVALID: t(400, 'VPL5SGC07E', 'The user data indicator must be blank, 0, 1 or 2'),
  STATUS_INVALID: t(400, 'VPL5SGC09E', 'The customer status must be 0, 1 or 2'),
  VIP_STATUS_INVALID: t(400, 'VPL5SGC10E', 'The VIP status must be 0 or 1'),
  MARITAL_STATUS_INVALID: t(400, 'VPL5SGC12E', 'The marital status must be between 0 and 4'),
  NAME_TYPE_1_INVALID: t(400, 'VPL5SGC13E', 'Name type indicator 1 must be 0, 1 or 2'),
  NAME_TYPE_2_INVALID: t(400, 'VPL5SGC14E', 'Name type indicator 2 must be 0, 1 or 2'),
  NAME_TYPE_3_INVALID: t(400, 'VPL5SGC15E', 'Name type indicator 3 must be 0, 1 or 2'),
  POSTAL_CODE_INVALID: t(400, 'VPL5SGC16E', 'The postal code may hold only letters, digits, spaces and dashes'),
  RESIDENCE_INVALID: t(400, 'VPL5SGC17E', 'The own-or-rent residence code must be between 0 and 3'),
  DATE_OF_BIRTH_INVALID: t(400, 'VPL5SGC23E', 'The date of birth must be empty or a real calendar date'),
  TAX_ID_TYPE_INVALID: t(400, 'VPL5SGC24E', 'The identification (tax id) type must be 0, 1 or 2'),
  TAX_ID_NOT_NUMERIC: t(400, 'VPL5SGC25E', 'With identification type 0 the first nine characters of the number must be digits'),
  COUNTRY_UNKNOWN: t(400, 'VPL5SGC35E', 'The country code is not a known ISO country'),
  HOME_PHONE_FLAG_INVALID: t(400, 'VPL5SGC36E', 'The home phone flag must be 0, 1 or 2'),
  WORK_PHONE_FLAG_INVALID: t(400, 'VPL5SGC37E', 'The employer phone flag must be 0, 1 or 2'),
  FAX_FLAG_INVALID: t(400, 'VPL5SGC38E', 'The fax flag must be 0, 1 or 2'),
  MOBILE_FLAG_INVALID: t(400, 'VPL5SGC39E', 'The mobile phone flag must be 0, 1 or 2'),
  EMAIL_FLAG_INVALID: t(400, 'VPL5SGC40E', 'The email flag must be 0, 1 or 2'),
  GENDER_INVALID: t(400, 'VPL5SGC41E', 'The gender code must be 0, 1 or 2'),
  ONE_PREFERRED_CONTACT: t(400, 'VPL5SGC42E', 'Only one of home, work, fax, mobile and email may be the preferred contact (2)'),
  HOME_PHONE_REQUIRED: t(400, 'VPL5SGC44E', 'A home phone flag of 1 or 2 needs a home phone number'),
  WORK_PHONE_REQUIRED: t(400, 'VPL5SGC45E', 'An employer phone flag of 1 or 2 needs an employer phone number'),
  MOBILE_PHONE_REQUIRED: t(400, 'VPL5SGC46E', 'A mobile phone flag of 1 or 2 needs a mobile phone number'),
  EMAIL_REQUIRED: t(400, 'VPL5SGC47E', 'An email flag of 1 or 2 needs an email address'),
  DATE_OF_BIRTH_FUTURE: t(400, 'VPL5SGC53E', 'The date of birth must be before the next processing date'),
  CARD_OR_ACCOUNT_NOT_FOUND: t(404, 'VPL5SGC01S', 'No card or account has this number'),
  ORG_NOT_FOUND: t(404, 'VPL5SGC02S', 'The organization is not known to this tenant'),
  ACCOUNT_NOT_FOUND: t(404, 'VPL5SGC03S', 'No account has this number'),
  CUSTOMER_NOT_FOUND: t(404, 'VPL5SGC04S', 'No customer has this number in this organization'),

  // Numbers handed out once (sandbox codes: the public specs publish none for these).
  CUSTOMER_EXISTS: t(422, 'SBX422C', 'A customer with this number already exists'),
  NUMBER_TAKEN: t(422, 'SBX422N', 'This number is already in use by another record or reserved for another organization'),
  ACCOUNT_HELD: t(422, 'SBX422A', 'The account already has a primary holder'),
  LOGO_NOT_FOUND: t(404, 'SBX404L', 'The logo is not a product of this organization'),
  NOTHING_REQUESTED: t(400, 'SBX400Q', 'At least one quantity must be above zero'),
  DUAL_INDICATOR_INVALID: t(400, 'SBX400D', 'The dual indicator must be 0 or 1'),

  // Customer lookup (VPL5SZL).
  LOOKUP_TOO_MANY: t(400, 'VPL5SZL03S', 'At most 50 records can be asked for in one request'),
  LOOKUP_TOKEN_REQUIRED: t(400, 'VPL5SZL04S', 'A start token is required to scroll next or previous'),
  LOOKUP_FUNCTION_INVALID: t(400, 'VPL5SZL05S', 'The service function must be blank (new search), N (next) or P (previous)'),
  LOOKUP_OPTION_INVALID: t(400, 'VPL5SZL06S', 'Each primary search option must be 0 (not chosen) or 1 (chosen)'),
  LOOKUP_PRIMARY_REQUIRED: t(400, 'VPL5SZL07S', 'The chosen primary search field must be filled'),
  LOOKUP_LEADING_WILDCARD: t(400, 'VPL5SZL11S', 'A search value cannot start with *'),
  LOOKUP_NAME_FORMAT: t(400, 'VPL5SZL12S', 'A name with a comma must have the form LAST,FIRST'),
  LOOKUP_LAST_NAME_SHORT: t(400, 'VPL5SZL13S', 'The last name needs at least 2 characters'),
  LOOKUP_LAST_NAME_WILDCARD: t(400, 'VPL5SZL14S', 'In a last name, * may only stand at the end'),
  LOOKUP_FIRST_NAME_SHORT: t(400, 'VPL5SZL15S', 'The first name needs at least 2 characters'),
  LOOKUP_FIRST_NAME_WILDCARD: t(400, 'VPL5SZL16S', 'In a first name, * may only stand at the start or the end'),
  LOOKUP_ID_WILDCARD: t(400, 'VPL5SZL19S', 'An identification number cannot hold *'),
  LOOKUP_ID_SHORT: t(400, 'VPL5SZL20S', 'The identification number needs at least 6 characters'),
  LOOKUP_ID_LONG: t(400, 'VPL5SZL21S', 'The identification number can have at most 25 characters'),
  LOOKUP_PHONE_WILDCARD: t(400, 'VPL5SZL24S', 'A phone number cannot hold *'),
  LOOKUP_PHONE_SHORT: t(400, 'VPL5SZL25S', 'The phone number needs at least 6 characters'),
  LOOKUP_PHONE_LONG: t(400, 'VPL5SZL26S', 'The phone number can have at most 20 characters'),
  LOOKUP_CUSTOMER_LONG: t(400, 'VPL5SZL27S', 'A customer number (as a start token) can have at most 19 digits'),
  LOOKUP_CUSTOMER_WILDCARD: t(400, 'VPL5SZL29S', 'A customer number (as a start token) cannot hold *'),
  LOOKUP_FUZZY_INVALID: t(400, 'SBX400F', 'A fuzzy switch must be 0, 1, 2 or 3'),
  LOOKUP_MATCH_INVALID: t(400, 'SBX400O', 'The optional data match must be 0 (any) or 1 (all)'),
  LOOKUP_DRILL_TOO_DEEP: t(400, 'SBX400L', 'A drill down can narrow at most 8 searches deep; start a new search'),

  // Relationship inquiry (VPL5SRC).
  RELATIONSHIP_ORG_NOT_NUMERIC: t(400, 'VPL5SRC06E', 'The organization number must be numeric'),
  RELATIONSHIP_CUSTOMER_INVALID: t(400, 'VPL5SRC07E', 'The customer number must be numeric'),
  RELATIONSHIP_ORG_INVALID: t(404, 'VPL5SRC13S', 'The organization is not valid for this tenant'),

  // Cards of a customer (VPL5SCE). The public specs name these conditions without numbers.
  CARDS_START_REQUIRED: t(400, 'VPL5SCE03E', 'A start organization and account are required to scroll next or previous'),
  NO_CARDS: t(404, 'VPL5SCE04S', 'No valid card is associated with this customer'),

  // Scrolling accounts and relationships.
  START_TOKEN_REQUIRED: t(400, 'SBX400S', 'A start token is required to scroll next or previous'),
} as const satisfies Record<string, ErrorTemplate>;

export type ErrorName = keyof typeof ERRORS;

/**
 * A failure with a catalogue entry; `detail` says what in the request caused it, and `more`, when
 * one sentence is not enough, adds further error items under the same code.
 */
export class ApiError extends Error {
  readonly template: ErrorTemplate;
  readonly detail?: string;
  readonly more: readonly string[];
  constructor(name: ErrorName, detail?: string, more: readonly string[] = []) {
    super(detail ? `${ERRORS[name].description}: ${detail}` : ERRORS[name].description);
    this.template = ERRORS[name];
    this.detail = detail;
    this.more = more;
  }
}

export const fail = (name: ErrorName, detail?: string): never => {
  throw new ApiError(name, detail);
};
