import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { DeliveryConfig } from '../delivery.config';
import type { MailAddress } from '../smtp/smtp.transport';
import { SenderIdentityRepository } from './sender-identity.repository';

/** What the sender puts in From, Reply-To and List-Id for one network's mail. */
export interface SendingIdentity {
  from: MailAddress;
  replyTo: string | undefined;
  /** The network's name and slug, for List-Id; null for a network whose profile has not arrived yet. */
  network: { name: string; slug: string } | null;
}

/** Profiles change rarely; a few seconds of staleness saves a database read per message. */
const CACHE_MS = 5_000;

@Injectable()
export class SenderIdentitiesService {
  private readonly fallback: MailAddress;
  private readonly cache = new Map<string, { at: number; identity: Promise<SendingIdentity> }>();

  constructor(
    @Inject(APP_CONFIG) config: DeliveryConfig,
    private readonly identities: SenderIdentityRepository,
  ) {
    const named = /^\s*"?([^"<]*?)"?\s*<([^>\s]+)>\s*$/.exec(config.MAIL_FROM);
    this.fallback = named ? { name: named[1], address: named[2] } : { name: '', address: config.MAIL_FROM.trim() };
  }

  /** The network's sender when it has set an address; MAIL_FROM otherwise (and the network's name, when known). */
  forNetwork(networkId: string, now = Date.now()): Promise<SendingIdentity> {
    const cached = this.cache.get(networkId);
    if (cached && now - cached.at < CACHE_MS) return cached.identity;
    const identity = this.load(networkId);
    this.cache.set(networkId, { at: now, identity });
    identity.catch(() => this.cache.delete(networkId));
    return identity;
  }

  private async load(networkId: string): Promise<SendingIdentity> {
    const row = await this.identities.findById(networkId);
    if (!row) return { from: this.fallback, replyTo: undefined, network: null };
    const network = { name: row.networkName, slug: row.slug };
    if (!row.fromAddress) return { from: { name: row.fromName || this.fallback.name, address: this.fallback.address }, replyTo: row.replyTo ?? undefined, network };
    return { from: { name: row.fromName || row.networkName, address: row.fromAddress }, replyTo: row.replyTo ?? undefined, network };
  }
}
