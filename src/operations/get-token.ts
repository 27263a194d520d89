import { fail } from '../domain/errors.js';
import type { RawHandler } from './types.js';

/** Access control has already checked the Basic credentials; only the grant is left to judge. */
export const getToken: RawHandler<'getToken'> = async ({ body }, ctx) => {
  if (body.grant_type !== 'client_credentials') fail('GRANT_TYPE_INVALID', body.grant_type);
  const { token, expiresIn } = await ctx.issueToken();
  return { status: 200, body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
};
