/** Bump when the seeded shape or content changes, so stored tenants are rebuilt. */
export const DATA_VERSION = 1;
