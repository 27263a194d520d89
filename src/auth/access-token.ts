// Bearer tokens as signed JWTs (HS256): verifying one needs no storage, and a token names the
// apikey it was issued to, so it cannot be used with another tenant's apikey.
import { errors, jwtVerify, SignJWT } from 'jose';
import { fail } from '../http/errors.js';

export const TOKEN_LIFETIME_SECONDS = 900;

export interface TokenIssuer {
  issue(apikey: string, nowMs: number): Promise<{ token: string; expiresIn: number }>;
  /** Fails with the platform-style 401 that says what is wrong with the token. */
  verify(token: string, apikey: string, nowMs: number): Promise<void>;
}

export function createTokenIssuer(key: Uint8Array, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): TokenIssuer {
  return {
    async issue(apikey, nowMs) {
      const iat = Math.floor(nowMs / 1000);
      const token = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(apikey)
        .setIssuedAt(iat)
        .setExpirationTime(iat + lifetimeSeconds)
        .sign(key);
      return { token, expiresIn: lifetimeSeconds };
    },
    async verify(token, apikey, nowMs) {
      let subject: string | undefined;
      try {
        const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 });
        subject = payload.sub;
      } catch (err) {
        if (err instanceof errors.JWTExpired) fail('TOKEN_EXPIRED');
        fail('TOKEN_INVALID');
      }
      if (subject !== apikey) fail('TOKEN_OTHER_TENANT');
    },
  };
}
