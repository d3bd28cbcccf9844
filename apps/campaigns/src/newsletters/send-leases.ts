import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { APP_CONFIG } from '@hub/config';
import type { CampaignsConfig } from '../campaigns.config';
import { SendLeaseRepository } from './send-lease.repository';
import { SendLease, sendLeaseId } from './send-lease.schema';

/**
 * One fan-out per send across campaigns replicas. Every replica's sweep asks to run every `sending` send; only the
 * process holding the send's lease does. The holder extends it while it runs and releases it when it stops; a
 * holder that dies (SIGKILL, lost host) stops extending, and after SEND_LEASE_SECONDS the next sweep anywhere takes
 * the send over, from the stored progress, as a restarted process would.
 *
 * A holder too slow to extend in time (a long pause) can overlap the new holder until its next renewal finds the
 * newer generation; in that window both add the same jobs, which BullMQ's job ids and delivery's claims make harmless.
 */
@Injectable()
export class SendLeases {
  readonly holder = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  constructor(
    @Inject(APP_CONFIG) private readonly config: Pick<CampaignsConfig, 'SEND_LEASE_SECONDS'>,
    private readonly leases: SendLeaseRepository,
  ) {}

  /** How often a holder extends its lease: three chances before it runs out. */
  get renewEveryMs(): number {
    return (this.config.SEND_LEASE_SECONDS * 1000) / 3;
  }

  /** The send's lease for this process, or null while another process holds it. */
  async acquire(sendId: string, now = new Date()): Promise<SendLease | null> {
    const latest = await this.leases.latest(sendId);
    if (latest && latest.holder === this.holder) {
      await this.leases.setExpiry(latest._id, this.holder, this.expiry(now));
      return { ...latest, expiresAt: this.expiry(now) };
    }
    if (latest && latest.expiresAt > now) return null;
    const generation = (latest?.generation ?? 0) + 1;
    const lease: SendLease = { _id: sendLeaseId(sendId, generation), sendId, generation, holder: this.holder, expiresAt: this.expiry(now) };
    if (!(await this.leases.insert(lease))) return null;
    await this.leases.removeOlder(sendId, generation);
    return lease;
  }

  /** Extends the lease; false when another process has taken the send over (this one must stop). */
  async renew(lease: SendLease, now = new Date()): Promise<boolean> {
    const latest = await this.leases.latest(lease.sendId);
    if (latest?._id !== lease._id) return false;
    await this.leases.setExpiry(lease._id, this.holder, this.expiry(now));
    return true;
  }

  /** Lets any replica take the send at once (after a pause, a completion or a clean shutdown). */
  async release(lease: SendLease): Promise<void> {
    await this.leases.setExpiry(lease._id, this.holder, new Date(0));
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.config.SEND_LEASE_SECONDS * 1000);
  }
}
