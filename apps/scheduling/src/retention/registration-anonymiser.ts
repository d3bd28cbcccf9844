import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import { RegistrationRepository } from '../network-events/registration.repository';
import type { Registration } from '../network-events/registration.schema';
import { SeatRepository } from '../network-events/seat.repository';
import { ReminderClaimRepository } from '../reminders/reminder-claim.repository';
import type { SchedulingConfig } from '../scheduling.config';

/**
 * Removes a registration's personal data (name, address, organisation, answers) and keeps what the statistics need
 * (event, status, seat, language, times, attendance). The new id is a keyed hash of the old one, so a second run
 * (after a crash, or a replayed erasure) lands on the same document, and nobody without the key can link it back.
 */
@Injectable()
export class RegistrationAnonymiser {
  constructor(
    @Inject(APP_CONFIG) private readonly config: SchedulingConfig,
    private readonly registrations: RegistrationRepository,
    private readonly seats: SeatRepository,
    private readonly reminderClaims: ReminderClaimRepository,
  ) {}

  async anonymise(registration: Registration, now = new Date()): Promise<void> {
    if (registration.anonymisedAt) return;
    const id = `anon-${createHmac('sha256', this.config.LINK_SIGNING_SECRET).update(`anonymised.${registration._id}`).digest('base64url').slice(0, 32)}`;
    const { _id, outbox: _outbox, ...kept } = registration;
    await this.seats.reassign(registration._id, id);
    await this.reminderClaims.forgetRegistration(registration._id);
    await this.registrations.replaceAnonymised(registration, { ...kept, _id: id, email: '', name: '', organisation: '', answers: {}, anonymisedAt: now, outbox: [] });
  }
}
