import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import { MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { EmailRenderer, RegistrationEmailRenderer, RenderedEmail } from '@hub/mail';
import { EventFactory } from '@hub/messaging';
import { MetricsRegistry } from '@hub/observability';
import type { DeliveryConfig } from '../delivery.config';
import { DeliveryRepository } from '../delivery-log/delivery.repository';
import { SmtpSendError, SmtpTransport } from '../smtp/smtp.transport';

export type SendOutcome = 'sent' | 'skipped';

/**
 * Exactly once in effect: claim the (source, recipient) row under its unique id, then call SMTP, then record the
 * outcome and its event. A second copy of the job finds the claim and sends nothing.
 */
@Injectable()
export class TransactionalMailSender {
  private readonly logger = new Logger(TransactionalMailSender.name);
  private readonly messageIdDomain: string;
  private readonly senderName: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly deliveries: DeliveryRepository,
    private readonly smtp: SmtpTransport,
    private readonly renderer: EmailRenderer,
    private readonly registrationRenderer: RegistrationEmailRenderer,
    private readonly events: EventFactory,
    private readonly metrics: MetricsRegistry,
  ) {
    this.messageIdDomain = /@([^>\s]+)/.exec(config.MAIL_FROM)?.[1] ?? 'hub.localhost';
    this.senderName = config.MAIL_FROM.replace(/\s*<[^>]*>$/, '');
  }

  /** Throws SmtpSendError on failure: permanent ones must not be retried, temporary ones should be. */
  async send(job: TransactionalMailJob, attempt: number): Promise<SendOutcome> {
    const id = `${job.source}/${job.recipient}`;
    // Stable across retries, so a recipient's mail client can tell a re-delivery from a new message.
    const messageId = `<${createHash('sha256').update(id).digest('hex').slice(0, 32)}@${this.messageIdDomain}>`;
    const claimed = await this.deliveries.claim(
      { _id: id, networkId: job.networkId, source: job.source, recipient: job.recipient, queue: MAIL_QUEUES.transactional, kind: job.kind, messageId },
      attempt,
    );
    if (!claimed) {
      this.logger.log(`skipping ${job.kind} to a recipient of ${job.source}: already claimed`);
      return 'skipped';
    }
    const email = this.render(job);
    try {
      const response = await this.smtp.send({ from: this.config.MAIL_FROM, to: job.recipient, messageId, ...email });
      const event = this.events.create('delivery.message.sent', {
        networkId: job.networkId,
        key: id,
        payload: { deliveryId: id, source: job.source, recipient: job.recipient, messageId, smtpResponse: response },
      });
      await this.deliveries.finish(id, 'sent', response, event);
      this.metrics.emailsSent.inc({ queue: MAIL_QUEUES.transactional });
      return 'sent';
    } catch (error) {
      if (!(error instanceof SmtpSendError)) throw error;
      this.metrics.emailsFailed.inc({ queue: MAIL_QUEUES.transactional, permanent: String(error.permanent) });
      if (!error.permanent) {
        await this.deliveries.finish(id, 'deferred', error.response);
        throw error;
      }
      const event = this.events.create('delivery.message.failed', {
        networkId: job.networkId,
        key: id,
        payload: { deliveryId: id, source: job.source, recipient: job.recipient, permanent: true, smtpResponse: error.response },
      });
      await this.deliveries.finish(id, 'failed', error.response, event);
      throw error;
    }
  }

  private render(job: TransactionalMailJob): RenderedEmail {
    switch (job.kind) {
      case 'subscription-confirmation':
        return this.renderer.subscriptionConfirmation({
          language: job.language,
          listNames: job.listNames,
          confirmUrl: `${this.config.PUBLIC_BASE_URL}/subscriptions/confirm?token=${encodeURIComponent(job.confirmToken)}&lang=${job.language}`,
          confirmBy: new Date(job.confirmBy),
          sender: this.senderName,
        });
      case 'coordinator-invitation':
        return this.renderer.coordinatorInvitation({
          language: job.language,
          networkName: job.networkName,
          role: job.role,
          invitedBy: job.invitedBy,
          acceptUrl: `${this.config.PUBLIC_BASE_URL}/invitations/accept?token=${encodeURIComponent(job.acceptToken)}&lang=${job.language}`,
          expiresAt: new Date(job.expiresAt),
          sender: this.senderName,
        });
      case 'registration-notice':
        return this.registrationRenderer.notice({
          notice: job.notice,
          language: job.language,
          name: job.name,
          email: job.recipient,
          event: job.event,
          joinUrl: job.joinUrl,
          manageUrl: `${this.config.PUBLIC_BASE_URL}/registrations/manage?token=${encodeURIComponent(job.manageToken)}&lang=${job.language}`,
          uidDomain: new URL(this.config.PUBLIC_BASE_URL).hostname,
        });
    }
  }
}
