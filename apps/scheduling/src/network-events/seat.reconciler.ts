import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import { PeriodicWork } from '@hub/runtime';
import type { SchedulingConfig } from '../scheduling.config';
import { NetworkEventRepository } from './network-event.repository';
import { RegistrationRepository } from './registration.repository';
import { RegistrationsService } from './registrations.service';
import { SeatAllocator } from './seat.allocator';
import { SeatRepository } from './seat.repository';

/** A seat this old without a confirmed registration is not a registration in flight any more. */
const SETTLED_AFTER_MS = 60_000;

/**
 * Repairs what a process that died between two writes leaves behind: a seat whose registration was never written,
 * was cancelled, or still shows as waiting. The seat is freed and the head of the waitlist promoted into it, as into
 * any free seat while people wait. Runs at start-up and with the reminder sweep's period.
 */
@Injectable()
export class SeatReconciler extends PeriodicWork {

  constructor(
    @Inject(APP_CONFIG) private readonly config: SchedulingConfig,
    private readonly events: NetworkEventRepository,
    private readonly seats: SeatRepository,
    private readonly allocator: SeatAllocator,
    private readonly registrations: RegistrationRepository,
    private readonly service: RegistrationsService,
  ) {
    super();
  }

  protected get intervalMs(): number {
    return this.config.REMINDER_SWEEP_INTERVAL_SECONDS * 1000;
  }

  protected run(): Promise<unknown> {
    return this.reconcile();
  }

  /** Returns how many seats were freed. */
  async reconcile(now = new Date()): Promise<number> {
    let freed = 0;
    for (const event of await this.events.listPublishedNotEnded(now)) {
      const confirmed = new Set((await this.registrations.confirmedOf(event._id)).map((registration) => registration._id));
      const seats = await this.seats.ofEvent(event._id);
      const settled = seats.filter((seat) => !confirmed.has(seat.registrationId) && seat.takenAt.getTime() < now.getTime() - SETTLED_AFTER_MS);
      let freedHere = 0;
      for (const seat of settled) {
        const holder = await this.registrations.findById(seat.registrationId);
        // Confirmed since the look above: nothing to repair. Anyone else's seat goes back to the head of the queue.
        if (holder?.status === 'confirmed') continue;
        await this.allocator.release(event._id, seat.registrationId);
        freedHere++;
      }
      freed += freedHere;
      // Also a seat another process freed while a registration here was joining the waitlist (see SeatAllocator).
      if (seats.length - freedHere < event.capacity) await this.service.promoteWaiting(event, now);
    }
    return freed;
  }
}
