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

/** Verified tokens remembered at most; past it, expired ones go first, then the oldest. */
export const VERIFIED_TOKENS_KEPT = 10_000;

export function createTokenIssuer(key: Uint8Array, lifetimeSeconds = TOKEN_LIFETIME_SECONDS): TokenIssuer {
  // A token that verified once stays valid until its exp (HS256, no nbf, no revocation), so its
  // subject is remembered: later calls skip the HMAC. Keyed by the whole token, so a different
  // token is never mistaken for one that passed.
  const verified = new Map<string, { subject: string | undefined; exp: number }>();
  const remember = (token: string, subject: string | undefined, exp: number, nowMs: number) => {
    if (verified.size >= VERIFIED_TOKENS_KEPT) {
      const nowSeconds = Math.floor(nowMs / 1000);
      for (const [t, v] of verified) if (v.exp <= nowSeconds) verified.delete(t);
      if (verified.size >= VERIFIED_TOKENS_KEPT) verified.delete(verified.keys().next().value!);
    }
    verified.set(token, { subject, exp });
  };
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
      const known = verified.get(token);
      // The same test as jose's: expired once exp <= now in whole seconds.
      if (known && known.exp > Math.floor(nowMs / 1000)) subject = known.subject;
      else {
        if (known) verified.delete(token);
        try {
          const { payload } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(nowMs), clockTolerance: 0 });
          subject = payload.sub;
          // Only a token with an expiry can be remembered; one without is verified every time.
          if (typeof payload.exp === 'number') remember(token, subject, payload.exp, nowMs);
        } catch (err) {
          if (err instanceof errors.JWTExpired) fail('TOKEN_EXPIRED');
          fail('TOKEN_INVALID');
        }
      }
      if (subject !== apikey) fail('TOKEN_OTHER_TENANT');
    },
  };
}
