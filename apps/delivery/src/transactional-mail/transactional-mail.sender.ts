import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { EmailRenderer, RegistrationEmailRenderer, RenderedEmail } from '@hub/mail';
import type { DeliveryConfig } from '../delivery.config';
import { claimIdOf, MailSender, SendOutcome, TRANSACTIONAL_BLOCKED_BY } from '../sending/mail.sender';

/** Renders a transactional job in the recipient's language and hands it to the one sender both queues share. */
@Injectable()
export class TransactionalMailSender {
  /** The calendar invites' UID domain: the hub's public host. */
  private readonly uidDomain: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: DeliveryConfig,
    private readonly sender: MailSender,
    private readonly renderer: EmailRenderer,
    private readonly registrationRenderer: RegistrationEmailRenderer,
  ) {
    this.uidDomain = new URL(config.PUBLIC_BASE_URL).hostname;
  }

  /** Throws SmtpSendError on failure. `claimId` is given for a coordinator's resend of an unknown outcome. */
  send(job: TransactionalMailJob, attempt: number, claimId = claimIdOf(job.source, job.recipient)): Promise<SendOutcome> {
    return this.sender.deliver(
      {
        queue: MAIL_QUEUES.transactional,
        kind: job.kind,
        networkId: job.networkId,
        source: job.source,
        recipient: job.recipient,
        claimId,
        job,
        blockedBy: TRANSACTIONAL_BLOCKED_BY,
        compose: (identity) => this.render(job, identity.from.name),
      },
      attempt,
    );
  }

  private render(job: TransactionalMailJob, senderName: string): RenderedEmail {
    switch (job.kind) {
      case 'subscription-confirmation':
        return this.renderer.subscriptionConfirmation({
          language: job.language,
          listNames: job.listNames,
          confirmUrl: `${this.config.PUBLIC_BASE_URL}/subscriptions/confirm?token=${encodeURIComponent(job.confirmToken)}&lang=${job.language}`,
          confirmBy: new Date(job.confirmBy),
          sender: senderName,
        });
      case 'coordinator-invitation':
        return this.renderer.coordinatorInvitation({
          language: job.language,
          networkName: job.networkName,
          role: job.role,
          invitedBy: job.invitedBy,
          acceptUrl: `${this.config.PUBLIC_BASE_URL}/invitations/accept?token=${encodeURIComponent(job.acceptToken)}&lang=${job.language}`,
          expiresAt: new Date(job.expiresAt),
          sender: senderName,
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
          uidDomain: this.uidDomain,
        });
    }
  }
}
