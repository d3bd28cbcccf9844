import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryConfig } from '../delivery.config';
import { ReturnPathRepository } from './return-path.repository';
import { ReturnPathRecord } from './return-path.schema';
import { normalizeMessageId, ReturnPathTokens } from './return-path.token';

export type ReturnPathMessage = Pick<ReturnPathRecord, 'deliveryId' | 'networkId' | 'source' | 'recipient' | 'messageId'>;

const LOCAL_PREFIX = 'bounces+';

/**
 * The VERP return path of each message (`bounces+<token>@<BOUNCE_DOMAIN>`), so that a bounce or complaint names the
 * exact message it is about, whatever the reporting server does with the recipient's address.
 */
@Injectable()
export class ReturnPath {
  private readonly tokens: ReturnPathTokens | null;
  private readonly domain: string | null;

  constructor(
    @Inject(APP_CONFIG) config: DeliveryConfig,
    private readonly records: ReturnPathRepository,
  ) {
    this.domain = config.BOUNCE_DOMAIN ?? null;
    this.tokens = config.BOUNCE_DOMAIN && config.BOUNCE_SIGNING_SECRET ? new ReturnPathTokens(config.BOUNCE_SIGNING_SECRET) : null;
  }

  get enabled(): boolean {
    return this.tokens !== null;
  }

  /**
   * The SMTP envelope sender (MAIL FROM) for this message, or undefined without a bounce domain (the From address is
   * used then). Records what the token stands for before the message can bounce.
   */
  async envelopeFrom(message: ReturnPathMessage): Promise<string | undefined> {
    if (!this.tokens) return undefined;
    await this.records.record({ _id: ReturnPathTokens.shortId(message.messageId), ...message, messageId: normalizeMessageId(message.messageId), createdAt: new Date() });
    return `${LOCAL_PREFIX}${this.tokens.issue(message.messageId)}@${this.domain}`;
  }

  /** The short id of a return-path address this hub signed, or null for any other address. */
  verifyAddress(address: string): string | null {
    if (!this.tokens) return null;
    const at = address.lastIndexOf('@');
    const local = address.slice(0, at).toLowerCase();
    if (at < 0 || address.slice(at + 1).toLowerCase() !== this.domain || !local.startsWith(LOCAL_PREFIX)) return null;
    return this.tokens.verify(local.slice(LOCAL_PREFIX.length));
  }

  verifyToken(token: string): string | null {
    return this.tokens?.verify(token) ?? null;
  }

  find(shortId: string): Promise<ReturnPathRecord | null> {
    return this.records.findById(shortId);
  }

  /** The message with this Message-ID, when it was sent with a return path (its record is keyed by it). */
  async findByMessageId(messageId: string): Promise<ReturnPathRecord | null> {
    const record = await this.records.findById(ReturnPathTokens.shortId(messageId));
    return record?.messageId === normalizeMessageId(messageId) ? record : null;
  }
}
