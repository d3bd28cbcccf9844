import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkProfilesModule } from '../network-profiles/network-profiles.module';
import { AudienceClient } from './audience.client';
import { BulkQueue } from './bulk-queue';
import { DeliveryClient } from './delivery.client';
import { IssueContent } from './issue-content';
import { Newsletter, NewsletterSchema } from './newsletter.schema';
import { NewsletterRepository } from './newsletter.repository';
import { NewslettersController } from './newsletters.controller';
import { NewslettersService } from './newsletters.service';
import { SendContentController } from './send-content.controller';
import { SendEventsHandler } from './send-events.handler';
import { SendFanOut } from './send-fan-out';
import { SendLease, SendLeaseSchema } from './send-lease.schema';
import { SendLeaseRepository } from './send-lease.repository';
import { SendLeases } from './send-leases';
import { SendOutcome, SendOutcomeSchema } from './send-outcome.schema';
import { SendOutcomeRepository } from './send-outcome.repository';
import { SendRecipient, SendRecipientSchema } from './send-recipient.schema';
import { SendRecipientRepository } from './send-recipient.repository';
import { Send, SendSchema } from './send.schema';
import { SendRepository } from './send.repository';
import { SendScheduler } from './send.scheduler';

/** Newsletters and their sends: compose, snapshot, fan-out to delivery's bulk queue, progress, statistics, archive. */
@Module({
  imports: [
    MongooseModule.forFeature([
      { name: Newsletter.name, schema: NewsletterSchema },
      { name: Send.name, schema: SendSchema },
      { name: SendRecipient.name, schema: SendRecipientSchema },
      { name: SendOutcome.name, schema: SendOutcomeSchema },
      { name: SendLease.name, schema: SendLeaseSchema },
    ]),
    NetworkProfilesModule,
  ],
  controllers: [NewslettersController, SendContentController, SendEventsHandler],
  providers: [
    NewsletterRepository,
    SendRepository,
    SendRecipientRepository,
    SendOutcomeRepository,
    SendLeaseRepository,
    SendLeases,
    AudienceClient,
    DeliveryClient,
    BulkQueue,
    IssueContent,
    SendFanOut,
    NewslettersService,
    SendScheduler,
  ],
})
export class NewslettersModule {}
