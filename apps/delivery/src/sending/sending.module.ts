import { Module } from '@nestjs/common';
import { BouncesModule } from '../bounces/bounces.module';
import { DeliveryLogModule } from '../delivery-log/delivery-log.module';
import { SenderIdentitiesModule } from '../sender-identities/sender-identities.module';
import { SmtpModule } from '../smtp/smtp.module';
import { SourceSummariesModule } from '../source-summaries/source-summaries.module';
import { SuppressionsModule } from '../suppressions/suppressions.module';
import { MailSender } from './mail.sender';

/** The one path every message takes to SMTP, whichever queue it came from. */
@Module({
  imports: [DeliveryLogModule, BouncesModule, SmtpModule, SuppressionsModule, SenderIdentitiesModule, SourceSummariesModule],
  providers: [MailSender],
  exports: [MailSender],
})
export class SendingModule {}
