import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { NetworkEvent } from './network-event.schema';
import { SeatRepository } from './seat.repository';

/** Up to this many re-reads of the taken seats before a registration is sent to the waitlist instead. */
const MAX_ROUNDS = 10;

export interface SeatClaim {
  seat: number;
  /** False when the registration already held it (a retry), so whoever announces the seat announces it once. */
  takenNow: boolean;
}

/**
 * Finds a free seat by inserting it. Every seat number from 1 to capacity can be inserted once; the free ones are
 * tried from a random starting point so that concurrent registrations rarely collide on the same number.
 */
@Injectable()
export class SeatAllocator {
  constructor(private readonly seats: SeatRepository) {}

  async take(event: NetworkEvent, registrationId: string, now = new Date()): Promise<SeatClaim | null> {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const taken = new Set(await this.seats.takenNumbers(event._id));
      const free: number[] = [];
      for (let seat = 1; seat <= event.capacity; seat++) if (!taken.has(seat)) free.push(seat);
      if (free.length === 0) return this.heldBy(registrationId);
      const start = randomInt(free.length);
      for (let i = 0; i < free.length; i++) {
        const seat = free[(start + i) % free.length];
        const outcome = await this.seats.tryInsert({ eventId: event._id, networkId: event.networkId, seat, registrationId }, now);
        if (outcome === 'taken-now') return { seat, takenNow: true };
        if (outcome === 'already-holding') return this.heldBy(registrationId);
      }
    }
    return this.heldBy(registrationId);
  }

  private async heldBy(registrationId: string): Promise<SeatClaim | null> {
    const held = await this.seats.findByRegistration(registrationId);
    return held ? { seat: held.seat, takenNow: false } : null;
  }
}
