import { Module } from '@nestjs/common';
import { SendingModule } from '../sending/sending.module';
import { SourceSummariesModule } from '../source-summaries/source-summaries.module';
import { BulkMailProcessor } from './bulk-mail.processor';
import { NewsletterContentClient } from './newsletter-content.client';
import { NewsletterMailSender } from './newsletter-mail.sender';

/** Newsletters: one job per recipient on the bulk queue (campaigns fans out), the issue fetched from campaigns. */
@Module({
  imports: [SendingModule, SourceSummariesModule],
  providers: [NewsletterContentClient, NewsletterMailSender, BulkMailProcessor],
})
export class BulkMailModule {}
