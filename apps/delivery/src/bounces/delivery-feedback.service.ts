import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { EventEnvelope } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { DeliveryConfig } from '../delivery.config';
import { DeliveryRepository } from '../delivery-log/delivery.repository';
import { SourceSummaryStore } from '../source-summaries/source-summary.store';
import { DeliveryFeedbackRepository } from './delivery-feedback.repository';
import type { ReturnPathRecord } from './return-path.schema';
import { SoftBounceStreaks } from './soft-bounce-streaks';

export type ReceivedFeedback =
  | { kind: 'bounce'; via: 'dsn' | 'webhook'; hard: boolean; status: string | null; diagnostic: string; fingerprint: string }
  | { kind: 'complaint'; via: 'arf' | 'webhook'; feedbackType: string; fingerprint: string };

export type FeedbackOutcome = 'recorded' | 'duplicate';

/**
 * Turns a bounce or complaint about one message (from a DSN, an ARF report or the webhook) into its event, once:
 * the report's claim and the event are one insert. Soft bounces are counted per address; the Nth in a row is
 * announced as hard, which is what makes audience suppress.
 */
@Injectable()
export class DeliveryFeedbackService {
  private readonly logger = new Logger(DeliveryFeedbackService.name);

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly feedback: DeliveryFeedbackRepository,
    private readonly streaks: SoftBounceStreaks,
    private readonly deliveries: DeliveryRepository,
    private readonly summaries: SourceSummaryStore,
    private readonly events: EventFactory,
  ) {}

  async receive(message: ReturnPathRecord, report: ReceivedFeedback, now = new Date()): Promise<FeedbackOutcome> {
    const { deliveryId, networkId, source, recipient } = message;
    const id = `${report.kind}:${deliveryId}:${report.fingerprint}`;
    if (await this.feedback.exists(id)) return 'duplicate';
    let event: EventEnvelope;
    let hard: boolean | null = null;
    if (report.kind === 'bounce') {
      const streak = report.hard ? 0 : await this.streaks.count(networkId, recipient, deliveryId, now);
      hard = report.hard || streak >= this.config.SOFT_BOUNCE_LIMIT;
      event = this.events.create('delivery.message.bounced', {
        networkId,
        key: deliveryId,
        payload: { deliveryId, source, recipient, hard, status: report.status, diagnostic: report.diagnostic, consecutiveSoftBounces: streak, via: report.via },
      });
    } else {
      event = this.events.create('delivery.message.complained', {
        networkId,
        key: deliveryId,
        payload: { deliveryId, source, recipient, feedbackType: report.feedbackType, via: report.via },
      });
    }
    const inserted = await this.feedback.insert(
      {
        _id: id,
        kind: report.kind,
        deliveryId,
        networkId,
        via: report.via,
        hard,
        status: report.kind === 'bounce' ? report.status : null,
        feedbackType: report.kind === 'complaint' ? report.feedbackType : null,
        diagnostic: report.kind === 'bounce' ? report.diagnostic : '',
        receivedAt: now,
      },
      event,
    );
    if (!inserted) return 'duplicate';
    if (hard) await this.streaks.clear(networkId, recipient);
    await this.deliveries.noteFeedback(deliveryId, { kind: report.kind, hard, at: now });
    await this.summaries.record(source, report.kind === 'bounce' ? 'bounced' : 'complained');
    this.logger.log(`${report.kind} (${report.via}${hard === null ? '' : hard ? ', hard' : ', soft'}) for a message of ${source}`);
    return 'recorded';
  }
}
