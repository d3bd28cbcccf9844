import { Module } from '@nestjs/common';
import { EmailRenderer, RegistrationEmailRenderer } from '@hub/mail';
import { SendingModule } from '../sending/sending.module';
import { CoordinatorInvitationHandler } from './coordinator-invitation.handler';
import { RegistrationNoticeHandler } from './registration-notice.handler';
import { SubscriptionConfirmationHandler } from './subscription-confirmation.handler';
import { TransactionalMailProcessor } from './transactional-mail.processor';
import { TransactionalMailSender } from './transactional-mail.sender';

/** Confirmations, reminders, cancellations: events in, one email per recipient out, through the transactional queue. */
@Module({
  imports: [SendingModule],
  controllers: [SubscriptionConfirmationHandler, CoordinatorInvitationHandler, RegistrationNoticeHandler],
  providers: [EmailRenderer, RegistrationEmailRenderer, TransactionalMailSender, TransactionalMailProcessor],
})
export class TransactionalMailModule {}
