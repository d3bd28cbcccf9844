import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { APP_CONFIG } from '@hub/config';
import type { Language, NewsletterAudienceRecipient } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { CampaignsConfig } from '../campaigns.config';
import { AudienceClient } from './audience.client';
import { BulkQueue, newsletterJob } from './bulk-queue';
import { DeliveryClient } from './delivery.client';
import { NewsletterRepository } from './newsletter.repository';
import type { Newsletter } from './newsletter.schema';
import { recipientLanguage } from './recipient-language';
import { SendRecipientRepository } from './send-recipient.repository';
import { SendRecipient, sendRecipientId } from './send-recipient.schema';
import { SendLeases } from './send-leases';
import { SendRepository } from './send.repository';
import type { FanOutProgress, Send } from './send.schema';

/** Set when another replica has taken the send over; the fan-out then stops without touching the queue. */
interface LeaseHeld {
  lost: boolean;
}

/** The first snapshot page is small, so the first message leaves within a second or two of "send". */
const FIRST_PAGE = 50;
const WINDOW_POLL_MS = 100;
const COMPLETION_POLL_MS = 1_000;

/**
 * Takes a send's snapshot and adds its jobs to delivery's bulk queue, a page at a time, so neither this process nor
 * Redis ever holds the whole audience: audience streams the audience (one database scan), each page is stored
 * (idempotently, `${sendId}:${contactId}`) and queued at once, and while the queue has FANOUT_WINDOW jobs waiting
 * the fan-out waits (back-pressure, which reaches audience's cursor through TCP). No cursor is kept: FerretDB can only
 * page in order by sorting the whole collection per page, so after a crash the pass simply starts again, and job ids
 * and the delivery log's claims keep everyone already queued or sent from a second copy. A pause or cancel stops it
 * and takes back the waiting jobs; a resume queues the stored snapshot again (or, when the pause came before the
 * snapshot was complete, takes it again). It ends when the snapshot is out and delivery has accounted for everyone.
 * With several campaigns replicas, only the holder of the send's lease (SendLeases) runs it; the others' sweeps
 * find the lease held and leave the send alone until it runs out.
 */
@Injectable()
export class SendFanOut implements OnModuleDestroy {
  private readonly logger = new Logger(SendFanOut.name);
  private readonly running = new Map<string, Promise<void>>();
  private stopped = false;

  constructor(
    @Inject(APP_CONFIG) private readonly config: CampaignsConfig,
    private readonly newsletters: NewsletterRepository,
    private readonly sends: SendRepository,
    private readonly recipients: SendRecipientRepository,
    private readonly audience: AudienceClient,
    private readonly delivery: DeliveryClient,
    private readonly queue: BulkQueue,
    private readonly events: EventFactory,
    private readonly leases: SendLeases,
  ) {}

  /** Runs the send's fan-out in the background unless this process runs it already or another replica holds it. */
  run(sendId: string): void {
    if (this.stopped || this.running.has(sendId)) return;
    const run = this.leased(sendId)
      .catch((error: Error) => this.logger.warn(`send ${sendId}: fan-out stopped, the next sweep resumes it: ${error.message}`))
      .finally(() => this.running.delete(sendId));
    this.running.set(sendId, run);
  }

  /** The fan-out under the send's lease, extended in the background while it runs and released when it stops. */
  private async leased(sendId: string): Promise<void> {
    const lease = await this.leases.acquire(sendId);
    if (!lease) return;
    const held: LeaseHeld = { lost: false };
    let renewing = false;
    const renewal = setInterval(() => {
      if (renewing) return;
      renewing = true;
      this.leases
        .renew(lease)
        .then((still) => {
          if (!still) {
            held.lost = true;
            this.logger.warn(`send ${sendId}: another replica took the fan-out over; stopping here`);
          }
        })
        // A failed renewal is tried again at the next tick; the lease has two more before it runs out.
        .catch((error: Error) => this.logger.warn(`send ${sendId}: lease not extended: ${error.message}`))
        .finally(() => (renewing = false));
    }, this.leases.renewEveryMs);
    try {
      await this.fanOut(sendId, held);
    } finally {
      clearInterval(renewal);
      if (!held.lost) await this.leases.release(lease);
    }
  }

  private async fanOut(sendId: string, held: LeaseHeld): Promise<void> {
    const send = await this.sends.findById(sendId);
    if (!send) return;
    let progress = { ...send.progress };
    const save = async (next: FanOutProgress) => {
      progress = next;
      await this.sends.saveProgress(sendId, next);
    };
    while (!this.stopped && !held.lost) {
      const newsletter = await this.sendingNewsletter(send);
      if (!newsletter) {
        await this.queue.removeWaiting(sendId);
        return;
      }
      if (progress.pass !== newsletter.resumes) {
        await save({ ...progress, pass: newsletter.resumes, replaying: progress.snapshotDone });
      }
      if (progress.replaying) {
        if (!(await this.replay(send, held))) continue;
        await save({ ...progress, replaying: false });
      } else if (!progress.snapshotDone) {
        const recipients = await this.snapshot(send, held, progress.pass > 0, (count) => save({ ...progress, recipients: count }));
        if (recipients === null) continue;
        await save({ ...progress, snapshotDone: true, recipients });
        await this.announceStarted(newsletter, sendId, recipients);
      } else {
        if (await this.completeIfAccounted(newsletter, sendId, progress.recipients)) return;
        await sleep(COMPLETION_POLL_MS);
      }
    }
  }

  /** Stores and queues the audience; null when the send stopped being `sending`, or this replica's lease, halfway. */
  private async snapshot(send: Send, held: LeaseHeld, afterPause: boolean, counted: (count: number) => Promise<void>): Promise<number | null> {
    let count = 0;
    // The filter is read from the send, not the newsletter: a pass taken again after a crash asks for the same people.
    const query = { listIds: send.listIds, confirmedBefore: send.snapshotAt, filter: send.audienceFilter ?? null, sendId: send._id };
    for await (const page of this.audience.audience(send.networkId, query, FIRST_PAGE, this.config.FANOUT_PAGE_SIZE)) {
      if (held.lost || !(await this.sendingNewsletter(send))) return null;
      await this.waitForRoom(held);
      const recipients = page.map((item) => this.recipient(send, item));
      await this.recipients.insertPage(recipients);
      const jobs = recipients.map((recipient) => newsletterJob(send, recipient));
      await (afterPause ? this.queue.replace(jobs) : this.queue.add(jobs));
      count += recipients.length;
      await counted(count);
    }
    return count;
  }

  /** Queues the stored snapshot again after a resume; false when the send stopped being `sending`, or this replica's lease, halfway. */
  private async replay(send: Send, held: LeaseHeld): Promise<boolean> {
    for await (const page of this.recipients.pagesOf(send._id, this.config.FANOUT_PAGE_SIZE)) {
      if (held.lost || !(await this.sendingNewsletter(send))) return false;
      await this.waitForRoom(held);
      await this.queue.replace(page.filter((recipient) => !recipient.skipped).map((recipient) => newsletterJob(send, recipient)));
    }
    return true;
  }

  private async sendingNewsletter(send: Send): Promise<Newsletter | null> {
    const newsletter = await this.newsletters.findById(send.newsletterId);
    return newsletter?.state === 'sending' ? newsletter : null;
  }

  private async waitForRoom(held: LeaseHeld): Promise<void> {
    while (!this.stopped && !held.lost && (await this.queue.waiting()) >= this.config.FANOUT_WINDOW) await sleep(WINDOW_POLL_MS);
  }

  private recipient(send: Send, item: NewsletterAudienceRecipient): SendRecipient {
    return {
      _id: sendRecipientId(send._id, item.contactId),
      sendId: send._id,
      contactId: item.contactId,
      email: item.email,
      language: recipientLanguage(item.language, Object.keys(send.issues) as Language[], send.profile.languages),
      listIds: item.listIds,
      preferencesToken: item.preferencesToken,
      unsubscribeToken: item.unsubscribeToken,
      skipped: false,
    };
  }

  /** `started` carries the recipient count, so it is announced once the snapshot is complete (the state is `sending` from the start). */
  private async announceStarted(newsletter: Newsletter, sendId: string, recipients: number): Promise<void> {
    const event = this.events.create('campaigns.newsletter.started', {
      networkId: newsletter.networkId,
      key: newsletter._id,
      payload: { newsletterId: newsletter._id, sendId, listIds: newsletter.listIds, recipients },
    });
    await this.newsletters.transition(newsletter._id, ['sending', 'paused'], { recipients }, event);
  }

  /**
   * Complete when no job of the send is left in the queue and delivery's counters account for every recipient (those
   * campaigns skipped itself, having left all their lists after the start, included).
   */
  private async completeIfAccounted(newsletter: Newsletter, sendId: string, recipients: number): Promise<boolean> {
    if (await this.queue.hasPending(sendId)) return false;
    const summary = await this.delivery.summary(sendId);
    const skippedHere = await this.recipients.countSkipped(sendId);
    if (summary.sent + summary.failed + summary.unknown + summary.skipped + skippedHere < recipients) return false;
    // Replays count already-claimed copies as skipped again, so skipped is what is left over, not the raw counter.
    const skipped = Math.max(0, recipients - summary.sent - summary.failed - summary.unknown);
    const counts = { recipients, delivered: summary.sent, failed: summary.failed, unknown: summary.unknown, skipped };
    const event = this.events.create('campaigns.newsletter.completed', {
      networkId: newsletter.networkId,
      key: newsletter._id,
      payload: { newsletterId: newsletter._id, sendId, listIds: newsletter.listIds, recipients, sent: summary.sent, failed: summary.failed, skipped, unknown: summary.unknown },
    });
    await this.newsletters.transition(newsletter._id, ['sending'], { state: 'completed', completedAt: new Date(), finalCounts: counts }, event);
    return true;
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.running.values()]);
  }
}
