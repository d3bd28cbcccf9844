import { Controller, Logger } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ContactErasedPayload, EventEnvelope, normalizeEmail } from '@hub/contracts';
import { OnEvent } from '@hub/messaging';
import { NetworkEventRepository } from '../network-events/network-event.repository';
import { RegistrationRepository } from '../network-events/registration.repository';
import { RegistrationsService } from '../network-events/registrations.service';
import { RegistrationAnonymiser } from './registration-anonymiser';

/**
 * Obeys audience's erasure: every registration of the address in that network is anonymised. One for an event still
 * to come is first cancelled, quietly, so its seat goes to the waitlist and nothing more is sent to the person.
 * A replay finds nothing left under the address.
 */
@Controller()
export class ContactErasureHandler {
  private readonly logger = new Logger(ContactErasureHandler.name);

  constructor(
    private readonly events: NetworkEventRepository,
    private readonly registrations: RegistrationRepository,
    private readonly service: RegistrationsService,
    private readonly anonymiser: RegistrationAnonymiser,
  ) {}

  @OnEvent('audience.contact.erased')
  async onErased(@Payload() event: EventEnvelope<ContactErasedPayload>): Promise<void> {
    const email = normalizeEmail(event.payload.email) ?? event.payload.email;
    const now = new Date();
    const found = await this.registrations.findByEmail(event.networkId, email);
    for (const registration of found) {
      const networkEvent = await this.events.findById(registration.eventId);
      if (networkEvent && networkEvent.endsAt > now && registration.status !== 'cancelled') {
        await this.service.cancelQuietly(networkEvent, registration, now);
      }
      const current = await this.registrations.findById(registration._id);
      if (current) await this.anonymiser.anonymise(current, now);
    }
    if (found.length > 0) this.logger.log(`anonymised ${found.length} registration(s) of an erased contact in network ${event.networkId}`);
  }
}
