import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { createHash } from 'node:crypto';
import { MAIL_QUEUES, MailQueueStates, ResendDeliveryResponse, UnknownDeliveryFilter, UnknownDeliveryPage } from '@hub/contracts';
import { DeliveryRepository } from '../delivery-log/delivery.repository';
import type { MailQueue } from '../sending/mail.sender';
import { resendJobData } from '../sending/resend';
import { DeliveryNotResendableError, UnknownDeliveryNotFoundError } from './unknown-delivery.errors';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed', 'paused', 'prioritized'] as const;

/** What coordinators see of messages whose outcome is unknown, and the resend they may choose. */
@Injectable()
export class UnknownDeliveriesService {
  private readonly queues: Record<MailQueue, Queue>;

  constructor(
    private readonly deliveries: DeliveryRepository,
    @InjectQueue(MAIL_QUEUES.transactional) transactional: Queue,
    @InjectQueue(MAIL_QUEUES.bulk) bulk: Queue,
  ) {
    this.queues = { transactional, bulk };
  }

  async list(networkId: string, filter: UnknownDeliveryFilter): Promise<UnknownDeliveryPage> {
    const rows = await this.deliveries.unknownOf(networkId, filter.limit + 1, filter.cursor);
    const page = rows.slice(0, filter.limit);
    return {
      items: page.map((row) => ({
        id: row._id,
        source: row.source,
        recipient: row.recipient,
        queue: row.queue,
        kind: row.kind,
        claimedAt: new Date(row.claimedAt).toISOString(),
        markedUnknownAt: row.finishedAt ? new Date(row.finishedAt).toISOString() : null,
        resentAs: row.resentAs ?? null,
      })),
      nextCursor: rows.length > filter.limit ? page[page.length - 1]._id : null,
    };
  }

  /**
   * Queues the original job again under the claim `<id>#resend`. The job id and the claim both derive from the
   * delivery, so asking twice sends one extra copy, not two.
   */
  async resend(networkId: string, id: string): Promise<ResendDeliveryResponse> {
    const row = await this.deliveries.findOfNetwork(networkId, id);
    if (!row || row.status !== 'unknown') throw new UnknownDeliveryNotFoundError();
    const queue = this.queues[row.queue as MailQueue];
    if (!row.job || !queue) throw new DeliveryNotResendableError();
    const resentAs = `${id}#resend`;
    const jobId = `resend-${createHash('sha256').update(id).digest('hex').slice(0, 40)}`;
    await queue.add(row.kind, resendJobData(row.job, resentAs), { jobId, removeOnComplete: { age: 7 * 24 * 3600 } });
    await this.deliveries.markResent(id, resentAs);
    return { id, resentAs };
  }

  async queueStates(): Promise<MailQueueStates> {
    const entries = await Promise.all(
      Object.entries(this.queues).map(async ([name, queue]) => {
        const counts = await queue.getJobCounts(...STATES);
        return [name, Object.fromEntries(STATES.map((state) => [state, counts[state] ?? 0]))] as const;
      }),
    );
    return Object.fromEntries(entries) as MailQueueStates;
  }
}
