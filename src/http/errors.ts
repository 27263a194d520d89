// The HTTP layer renders the domain's error catalogue; it is re-exported here for the callers at
// the edge (auth, portal, app) that think in HTTP terms.
export { ApiError, ERRORS, fail, type ErrorName, type ErrorTemplate } from '../domain/errors.js';
