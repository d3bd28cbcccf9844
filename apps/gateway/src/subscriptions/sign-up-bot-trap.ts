import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { GatewayConfig } from '../gateway.config';

/** The hidden field people never see, so leave empty, and form-filling bots fill. */
export const HONEYPOT_FIELD = 'website';
/** When the form was rendered, signed, so that a submission can be judged too quick to be a person's. */
export const FORM_STAMP_FIELD = 'formStamp';

export type BotSign = 'honeypot' | 'forged-stamp' | 'too-fast';

/**
 * Tells sign-up bots from people without a CAPTCHA: a honeypot field, and on the hub's own form a minimum time
 * between rendering and submitting. A form without a stamp (a static copy of the form embedded on the network's own
 * site) is judged by the honeypot alone, so such embeds keep working.
 */
@Injectable()
export class SignUpBotTrap {
  private readonly key: Buffer;
  private readonly minFillMs: number;

  constructor(@Inject(APP_CONFIG) config: Pick<GatewayConfig, 'INTERNAL_API_SECRET' | 'SUBSCRIBE_FORM_MIN_FILL_SECONDS'>) {
    // A key of its own (derived, so no new secret to manage): a stamp can never pass for anything else signed.
    this.key = createHmac('sha256', config.INTERNAL_API_SECRET).update('gateway sign-up form stamp v1').digest();
    this.minFillMs = config.SUBSCRIBE_FORM_MIN_FILL_SECONDS * 1_000;
  }

  stamp(renderedAt = Date.now()): string {
    const time = renderedAt.toString(36);
    return `${time}.${this.mac(time)}`;
  }

  /** Why the submission looks like a bot's, or null for a person. */
  judge(fields: Record<string, unknown>, now = Date.now()): BotSign | null {
    const honeypot = fields[HONEYPOT_FIELD];
    if (honeypot !== undefined && honeypot !== '') return 'honeypot';
    const stamp = fields[FORM_STAMP_FIELD];
    if (stamp === undefined) return null;
    const renderedAt = typeof stamp === 'string' ? this.verify(stamp) : null;
    if (renderedAt === null) return 'forged-stamp';
    return now - renderedAt < this.minFillMs ? 'too-fast' : null;
  }

  private verify(stamp: string): number | null {
    const [time, mac, ...rest] = stamp.split('.');
    if (!time || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(time));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const renderedAt = parseInt(time, 36);
    return Number.isSafeInteger(renderedAt) ? renderedAt : null;
  }

  private mac(time: string): string {
    return createHmac('sha256', this.key).update(time).digest('base64url');
  }
}
