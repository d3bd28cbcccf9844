import { Inject, Injectable } from '@nestjs/common';
import type { CookieOptions, Response } from 'express';
import { APP_CONFIG } from '@hub/config';
import type { GatewayConfig } from '../gateway.config';

export const SESSION_COOKIE = 'hub_session';

/**
 * Sets and clears the console session cookie, the same way wherever a session starts (sign-in, an accepted
 * invitation) or ends: http-only (no script reads it), SameSite=Lax (no cross-site post carries it), Secure whenever
 * the hub is served over https.
 */
@Injectable()
export class SessionCookie {
  private readonly secure: boolean;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.secure = config.COOKIE_SECURE ?? config.PUBLIC_BASE_URL.startsWith('https:');
  }

  set(res: Response, session: { cookieValue: string; expiresAt: Date }): void {
    res.cookie(SESSION_COOKIE, session.cookieValue, this.options(session.expiresAt));
  }

  clear(res: Response): void {
    res.clearCookie(SESSION_COOKIE, this.options());
  }

  private options(expires?: Date): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.secure, path: '/', expires };
  }
}
