import type { CookieOptions } from 'express';

export const SESSION_COOKIE = 'hub_session';

/** http-only (no script reads it), SameSite=Lax (no cross-site posts carry it), Secure whenever served over https. */
export function sessionCookieOptions(secure: boolean, expiresAt?: Date): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt };
}
