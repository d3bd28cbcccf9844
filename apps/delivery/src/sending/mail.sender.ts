import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import type { MAIL_QUEUES, SuppressionReason } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import { MetricsRegistry } from '@hub/observability';
import type { DeliveryConfig } from '../delivery.config';
import { ReturnPath } from '../bounces/return-path.service';
import { DeliveryRepository } from '../delivery-log/delivery.repository';
import { SenderIdentitiesService, SendingIdentity } from '../sender-identities/sender-identities.service';
import { SmtpSendError, SmtpTransport, OutgoingMessage } from '../smtp/smtp.transport';
import { BULK_SMTP, TRANSACTIONAL_SMTP } from '../smtp/smtp.module';
import { SourceSummaryStore } from '../source-summaries/source-summary.store';
import { SuppressionRepository } from '../suppressions/suppression.repository';

export type SendOutcome = 'sent' | 'skipped';
export type MailQueue = (typeof MAIL_QUEUES)[keyof typeof MAIL_QUEUES];
export type MessageContent = Pick<OutgoingMessage, 'subject' | 'html' | 'text' | 'headers' | 'calendar'>;

/** Newsletters go to nobody suppressed, whatever the reason. */
export const NEWSLETTER_BLOCKED_BY: ReadonlySet<SuppressionReason> = new Set(['unsubscribed', 'hard-bounce', 'complaint', 'blocked']);
/**
 * Mail a person asked for themselves (a confirmation, a double opt-in, a reminder of their registration) still
 * reaches someone who unsubscribed from newsletters; not an address that bounces, complained or was blocked.
 */
export const TRANSACTIONAL_BLOCKED_BY: ReadonlySet<SuppressionReason> = new Set(['hard-bounce', 'complaint', 'blocked']);

export interface MailToSend {
  queue: MailQueue;
  kind: string;
  networkId: string;
  source: string;
  recipient: string;
  /** The delivery log's claim key: `${source}/${recipient}`, or `…#resend` for a coordinator's resend. */
  claimId: string;
  /** The job's data, kept on the claim so that a coordinator can resend a message whose outcome is unknown. */
  job: Record<string, unknown>;
  blockedBy: ReadonlySet<SuppressionReason>;
  compose(identity: SendingIdentity, messageId: string): MessageContent | Promise<MessageContent>;
}

/** The delivery-log claim key of a message. */
export function claimIdOf(source: string, recipient: string): string {
  return `${source}/${recipient}`;
}

/**
 * Exactly once in effect, for both queues: check the suppression read model, claim the (source, recipient) row under
 * its unique id, call SMTP on the queue's own pool, then record the outcome with its event and count it. A second
 * copy of a job finds the claim and sends nothing.
 */
@Injectable()
export class MailSender {
  private readonly logger = new Logger(MailSender.name);
  private readonly messageIdDomain: string;
  private readonly pools: Record<MailQueue, SmtpTransport>;

  constructor(
    @Inject(APP_CONFIG) config: DeliveryConfig,
    @Inject(TRANSACTIONAL_SMTP) transactionalSmtp: SmtpTransport,
    @Inject(BULK_SMTP) bulkSmtp: SmtpTransport,
    private readonly deliveries: DeliveryRepository,
    private readonly suppressions: SuppressionRepository,
    private readonly identities: SenderIdentitiesService,
    private readonly summaries: SourceSummaryStore,
    private readonly events: EventFactory,
    private readonly metrics: MetricsRegistry,
    private readonly returnPath: ReturnPath,
  ) {
    this.messageIdDomain = /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'hub.localhost';
    this.pools = { transactional: transactionalSmtp, bulk: bulkSmtp };
  }

  /**
   * Stable across retries and resends of one (source, recipient), so a mail client recognises a re-delivery of a
   * message it already has.
   */
  messageIdOf(source: string, recipient: string): string {
    return `<${createHash('sha256').update(claimIdOf(source, recipient)).digest('hex').slice(0, 32)}@${this.messageIdDomain}>`;
  }

  /** Throws SmtpSendError on failure: permanent ones must not be retried, temporary ones should be. */
  async deliver(mail: MailToSend, attempt: number): Promise<SendOutcome> {
    const { claimId: id, queue, source, recipient, networkId } = mail;
    const reason = await this.suppressions.reasonFor(networkId, recipient);
    if (reason && mail.blockedBy.has(reason)) {
      this.logger.log(`skipping ${mail.kind} of ${source}: recipient suppressed (${reason})`);
      await this.summaries.record(source, 'skipped');
      return 'skipped';
    }
    const messageId = this.messageIdOf(source, recipient);
    const identity = await this.identities.forNetwork(networkId);
    // Rendered and built before the claim: an error there must not leave a claim that later reads as "unknown".
    const content = await mail.compose(identity, messageId);
    const envelopeFrom = await this.returnPath.envelopeFrom({ deliveryId: id, networkId, source, recipient, messageId });
    const pool = this.pools[queue];
    const message = await pool.build({ ...content, from: identity.from, replyTo: identity.replyTo, to: recipient, messageId, envelopeFrom });
    const claimed = await this.deliveries.claim({ _id: id, networkId, source, recipient, queue, kind: mail.kind, messageId, job: mail.job }, attempt);
    if (!claimed) {
      this.logger.log(`skipping ${mail.kind} to a recipient of ${source}: already claimed`);
      await this.summaries.record(source, 'skipped');
      return 'skipped';
    }
    try {
      const response = await pool.send(message);
      const event = this.events.create('delivery.message.sent', {
        networkId,
        key: id,
        payload: { deliveryId: id, source, recipient, messageId, smtpResponse: response },
      });
      await this.deliveries.finish(id, 'sent', response, event);
      await this.summaries.record(source, 'sent');
      this.metrics.emailsSent.inc({ queue });
      return 'sent';
    } catch (error) {
      if (!(error instanceof SmtpSendError)) throw error;
      this.metrics.emailsFailed.inc({ queue, permanent: String(error.permanent) });
      if (error.ambiguous) {
        this.logger.warn(`${mail.kind} of ${source}: the relay went silent mid-send (${error.message}); outcome unknown, not re-sent`);
        if (await this.deliveries.markUnknown(id)) await this.summaries.record(source, 'unknown');
        throw error;
      }
      if (!error.permanent) {
        await this.deliveries.finish(id, 'deferred', error.response);
        await this.summaries.record(source, 'deferred');
        throw error;
      }
      const event = this.events.create('delivery.message.failed', {
        networkId,
        key: id,
        payload: { deliveryId: id, source, recipient, permanent: true, smtpResponse: error.response },
      });
      await this.deliveries.finish(id, 'failed', error.response, event);
      await this.summaries.record(source, 'failed');
      throw error;
    }
  }
}
