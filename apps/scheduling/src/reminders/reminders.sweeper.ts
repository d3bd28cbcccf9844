import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import { EventFactory } from '@hub/messaging';
import { NetworkEventRepository } from '../network-events/network-event.repository';
import { snapshotOf } from '../network-events/network-event.view';
import { RegistrationsService } from '../network-events/registrations.service';
import type { SchedulingConfig } from '../scheduling.config';
import { SchedulingSettingsService } from '../settings/scheduling-settings.service';
import { ReminderClaimRepository } from './reminder-claim.repository';
import { dueReminder } from './reminder-schedule';

// Covers the longest offset a network may choose (P30D) plus a DST hour, so an event is looked at from before its
// first reminder is due.
const LOOK_AHEAD_MS = 30 * 86_400_000 + 2 * 3_600_000;

/**
 * Sends reminders from what is stored, not from timers: every sweep (at start-up and then periodically) looks at
 * published events starting soon, works out the reminder due now in each event's zone, and claims it per confirmed
 * registration. A moved event is simply looked at with its new time; a cancelled event or registration is not
 * looked at at all; a restart loses nothing, because the next sweep sees the same due reminders.
 */
@Injectable()
export class RemindersSweeper extends PeriodicWork {

  constructor(
    @Inject(APP_CONFIG) private readonly config: SchedulingConfig,
    private readonly events: NetworkEventRepository,
    private readonly registrations: RegistrationsService,
    private readonly claims: ReminderClaimRepository,
    private readonly factory: EventFactory,
    private readonly settings: SchedulingSettingsService,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.config.REMINDER_SWEEP_INTERVAL_SECONDS * 1000;
  }

  protected run(): Promise<unknown> {
    return this.sweep();
  }

  /** Returns how many reminders this sweep claimed. */
  async sweep(now = new Date()): Promise<number> {
    let claimed = 0;
    const offsetsOf = new Map<string, Promise<string[]>>();
    for (const event of await this.events.listPublishedStartingBetween(now, new Date(now.getTime() + LOOK_AHEAD_MS))) {
      if (!offsetsOf.has(event.networkId)) offsetsOf.set(event.networkId, this.settings.get(event.networkId).then((settings) => settings.reminderOffsets));
      const reminder = dueReminder(event.startsAt, event.timeZone, await offsetsOf.get(event.networkId)!, now);
      if (!reminder) continue;
      // Only people who were registered when the reminder fell due: a late registrant just had their confirmation.
      for (const participant of await this.registrations.participantsOf(event._id, reminder.dueAt)) {
        const due = this.factory.create('scheduling.reminder.due', {
          networkId: event.networkId,
          key: event._id,
          payload: { ...participant, event: snapshotOf(event), offset: reminder.offset, joinUrl: event.joinUrl },
        });
        const made = await this.claims.claim({
          _id: `${participant.registrationId}/${reminder.offset}/${event.startsAt.getTime()}`,
          networkId: event.networkId,
          eventId: event._id,
          registrationId: participant.registrationId,
          offset: reminder.offset,
          dueAt: reminder.dueAt,
          claimedAt: now,
          outbox: [due],
        });
        if (made) claimed++;
      }
    }
    return claimed;
  }
}
