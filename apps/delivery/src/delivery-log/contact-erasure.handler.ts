import { Controller, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Payload } from '@nestjs/microservices';
import type { Model } from 'mongoose';
import { ContactErasedPayload, EventEnvelope, normalizeEmail } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { isDuplicateKeyError } from '@hub/persistence';
import { Delivery } from './delivery.schema';

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Obeys audience's erasure in the delivery log: every row of the address in that network keeps its facts (source,
 * status, times) for the statistics, but no longer says who it was for. The address is also in the row's `_id`
 * (`source/recipient`), so each row moves to `source/erased-<event id>`: unlinkable to the address, and the same id
 * when the event is handled again, which makes a replay, or a retry after a crash half-way, change nothing more.
 */
@Controller()
export class ContactErasureHandler {
  private readonly logger = new Logger(ContactErasureHandler.name);

  constructor(@InjectModel(Delivery.name) private readonly deliveries: Model<Delivery>) {}

  @OnEvent('audience.contact.erased')
  async onErased(@Payload() event: EventEnvelope<ContactErasedPayload>): Promise<void> {
    const email = normalizeEmail(event.payload.email) ?? event.payload.email;
    // A scan (FerretDB indexes only `_id`), acceptable for an event as rare as an erasure.
    const rows = await this.deliveries.find({ networkId: event.networkId, recipient: { $in: [...new Set([email, event.payload.email])] } }).lean<Delivery[]>().exec();
    const pseudonym = `erased-${event.id}`;
    const mentions = new RegExp(escapeRegex(email), 'gi');
    for (const row of rows) {
      const anonymous: Delivery = {
        ...row,
        _id: `${row.source}/${pseudonym}`,
        recipient: pseudonym,
        smtpResponse: row.smtpResponse?.replace(mentions, '[erased]') ?? null,
        // The job names the recipient; without it nobody can resend this message to an erased person.
        job: null,
        outbox: [],
      };
      try {
        await this.deliveries.create(anonymous);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      await this.deliveries.deleteOne({ _id: row._id }).exec();
    }
    if (rows.length > 0) this.logger.log(`erased the recipient of ${rows.length} delivery log row(s) in network ${event.networkId}`);
  }
}
