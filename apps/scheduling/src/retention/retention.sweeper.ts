import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import { NetworkEventRepository } from '../network-events/network-event.repository';
import { RegistrationRepository } from '../network-events/registration.repository';
import type { SchedulingConfig } from '../scheduling.config';
import { SchedulingSettingsService } from '../settings/scheduling-settings.service';
import { RegistrationAnonymiser } from './registration-anonymiser';

const DAY_MS = 86_400_000;

/**
 * Anonymises the registrations of events that ended longer ago than their network's retention period, then marks the
 * event so it is not looked at again. Safe to repeat and to run in several processes: anonymising is idempotent.
 */
@Injectable()
export class RetentionSweeper extends PeriodicWork {

  constructor(
    @Inject(APP_CONFIG) private readonly config: SchedulingConfig,
    private readonly events: NetworkEventRepository,
    private readonly registrations: RegistrationRepository,
    private readonly settings: SchedulingSettingsService,
    private readonly anonymiser: RegistrationAnonymiser,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.config.RETENTION_SWEEP_INTERVAL_SECONDS * 1000;
  }

  protected run(): Promise<unknown> {
    return this.sweep();
  }

  /** Returns how many registrations this sweep anonymised. */
  async sweep(now = new Date()): Promise<number> {
    let anonymised = 0;
    const retentionOf = new Map<string, Promise<number>>();
    // The shortest retention is a day, so nothing that ended within the last day can be due.
    for (const event of await this.events.listEndedNotAnonymised(new Date(now.getTime() - DAY_MS))) {
      if (!retentionOf.has(event.networkId)) retentionOf.set(event.networkId, this.settings.get(event.networkId).then((settings) => settings.retentionDays));
      const retentionDays = await retentionOf.get(event.networkId)!;
      if (event.endsAt.getTime() + retentionDays * DAY_MS > now.getTime()) continue;
      for (const registration of await this.registrations.listForEvent(event.networkId, event._id)) {
        if (registration.anonymisedAt) continue;
        await this.anonymiser.anonymise(registration, now);
        anonymised++;
      }
      await this.events.update(event._id, { registrationsAnonymisedAt: now });
    }
    return anonymised;
  }
}
