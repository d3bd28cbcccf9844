import { Injectable } from '@nestjs/common';
import type { SuppressionReason } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import { ProofHashes } from '../consent/proof-hashes';
import { SuppressionRepository } from './suppression.repository';

/** The network's do-not-email list; every change is announced, so delivery can keep its own copy. */
@Injectable()
export class SuppressionsService {
  constructor(
    private readonly suppressions: SuppressionRepository,
    private readonly hashes: ProofHashes,
    private readonly events: EventFactory,
  ) {}

  async reasonFor(networkId: string, email: string): Promise<SuppressionReason | null> {
    return SuppressionRepository.reasonOf(await this.suppressions.findById(this.hashes.address(networkId, email)));
  }

  /** The suppressed addresses among these (canonical forms), with their reasons. */
  async suppressedAmong(networkId: string, emails: string[]): Promise<Map<string, SuppressionReason>> {
    const byHash = new Map(emails.map((email) => [this.hashes.address(networkId, email), email]));
    const found = await this.suppressions.findActive([...byHash.keys()]);
    return new Map(found.map((record) => [byHash.get(record._id)!, record.reason]));
  }

  /** Idempotent: suppressing a suppressed address keeps its first reason and announces nothing. */
  async suppress(networkId: string, email: string, reason: SuppressionReason, now = new Date()): Promise<void> {
    const emailHash = this.hashes.address(networkId, email);
    const event = this.events.create('audience.suppression.added', { networkId, key: emailHash, payload: { email, emailHash, reason } });
    if (await this.suppressions.insert({ _id: emailHash, networkId, email, reason, active: true, since: now }, event)) return;
    const existing = await this.suppressions.findById(emailHash);
    if (existing && !existing.active) await this.suppressions.update(emailHash, { active: true, reason, since: now, email }, event);
  }

  /** Lifts the suppression, for a coordinator's unblock or a person's own opt-in through their signed link. */
  async lift(networkId: string, email: string, reasons: SuppressionReason[]): Promise<boolean> {
    const emailHash = this.hashes.address(networkId, email);
    const existing = await this.suppressions.findById(emailHash);
    if (!existing?.active || !reasons.includes(existing.reason)) return false;
    const event = this.events.create('audience.suppression.removed', { networkId, key: emailHash, payload: { email, emailHash } });
    await this.suppressions.update(emailHash, { active: false }, event);
    return true;
  }

  /**
   * Keeps the opt-out provable after an erasure: the record stays (created if there was none), its address is
   * blanked, and the erasure event leaves in the same write.
   */
  async eraseAddress(networkId: string, email: string, contactId: string | null, now = new Date()): Promise<void> {
    const emailHash = this.hashes.address(networkId, email);
    const event = this.events.create('audience.contact.erased', { networkId, key: emailHash, payload: { contactId, email, emailHash } });
    const inserted = await this.suppressions.insert({ _id: emailHash, networkId, email: null, reason: 'unsubscribed', active: true, since: now }, event);
    if (!inserted) await this.suppressions.update(emailHash, { email: null, active: true }, event);
  }
}
