import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import type { NetworkEvent } from './network-event.schema';
import { SeatRepository } from './seat.repository';

/**
 * How long a look at an event's seats that found them all taken is trusted, so that a burst of waitlisted
 * registrations costs no seat read each. Longer only delays a newcomer's chance at a seat another process freed;
 * the freeing process gives such a seat to the waitlist itself, and the reconciler fills what a race left over.
 */
const FULL_TRUSTED_MS = 2_000;

export interface SeatClaim {
  seat: number;
  /** False when the registration already held it (a retry), so whoever announces the seat announces it once. */
  takenNow: boolean;
}

/** What this process believes about one event's seats, from one read of them and its own claims since. */
interface SeatView {
  capacity: number;
  /** Seat numbers believed free; each is handed to one claim at a time. */
  free: number[];
  readAt: number;
}

/**
 * Finds a free seat by inserting it. Every seat number from 1 to capacity can be inserted once (see Seat), so the
 * database decides every race; this process only chooses which number to try. It reads an event's taken seats once
 * (a scan on FerretDB, which grows with the data) and then hands out the free numbers it knows, each to one claim at
 * a time, so concurrent registrations here never collide and the read is not repeated per registration. A number
 * another process took meanwhile is refused by the insert and the next one tried; seats freed here drop the view, so
 * the next claim reads again; seats freed elsewhere are seen at the next read (at most FULL_TRUSTED_MS after the
 * event looked full).
 */
@Injectable()
export class SeatAllocator {
  private readonly views = new Map<string, SeatView>();
  private readonly reads = new Map<string, { capacity: number; view: Promise<SeatView> }>();
  /** Seats freed here, per event: a registration that looked and found no seat checks this after writing. */
  private readonly releases = new Map<string, number>();

  constructor(private readonly seats: SeatRepository) {}

  /**
   * True when a recent look found every seat taken, so a newcomer goes to the waitlist without a round trip. False
   * means "look", not "there is a seat".
   */
  believesFull(event: NetworkEvent, now = Date.now()): boolean {
    const view = this.views.get(event._id);
    return view !== undefined && view.capacity === event.capacity && view.free.length === 0 && now - view.readAt < FULL_TRUSTED_MS;
  }

  /** Changes each time a seat of the event is freed in this process. */
  releasesOf(eventId: string): number {
    return this.releases.get(eventId) ?? 0;
  }

  /**
   * Claims a free seat for the registration, or answers null when none is left. The defaults are for promotions and
   * coordinators' changes, rare and made when a seat is thought free: `fresh` answers "full" only from a look at the
   * seats made after the call, and `lookForHeld` also finds a seat the registration already holds (a retry after a
   * crash, a waitlisted registration promoted). A newcomer's registration passes false for both: a recent look is
   * trusted as in believesFull, and a seat left behind by its own crashed first try is freed by the reconciler.
   */
  async take(event: NetworkEvent, registrationId: string, now = new Date(), { lookForHeld = true, fresh = true } = {}): Promise<SeatClaim | null> {
    const started = Date.now();
    for (let look = 0; ; look++) {
      const view = await this.viewOf(event);
      while (view.free.length > 0) {
        const seat = view.free.splice(randomInt(view.free.length), 1)[0];
        let outcome;
        try {
          outcome = await this.seats.tryInsert({ eventId: event._id, networkId: event.networkId, seat, registrationId }, now);
        } catch (error) {
          view.free.push(seat);
          throw error;
        }
        if (outcome === 'taken-now') return { seat, takenNow: true };
        if (outcome === 'held-by-this') return { seat, takenNow: false };
        if (outcome === 'already-holding') {
          view.free.push(seat);
          const held = await this.heldBy(registrationId);
          // Gone again in between (released by a racing twin): the next read tells what is free.
          if (held) return held;
          break;
        }
        // 'seat-occupied': another process took it since the read; try the next one.
      }
      // No number left to try: full, if the look is recent enough; otherwise look again (a shared look in flight may
      // have started before this call, hence more than once).
      const recent = fresh ? view.readAt >= started : Date.now() - view.readAt < FULL_TRUSTED_MS;
      if (recent || look >= 2) break;
      if (this.views.get(event._id) === view) this.views.delete(event._id);
    }
    return lookForHeld ? this.heldBy(registrationId) : null;
  }

  /** Frees the registration's seat, and makes the next claim for the event read the seats again. */
  async release(eventId: string, registrationId: string): Promise<void> {
    await this.seats.release(registrationId);
    this.views.delete(eventId);
    this.releases.set(eventId, this.releasesOf(eventId) + 1);
  }

  /** One read of the taken seats serves every claim waiting for it. */
  private viewOf(event: NetworkEvent): Promise<SeatView> {
    const known = this.views.get(event._id);
    // A capacity only grows while the event is published: more seats than the view knows are to be looked at.
    if (known && known.capacity === event.capacity) return Promise.resolve(known);
    const reading = this.reads.get(event._id);
    if (reading?.capacity === event.capacity) return reading.view;
    const read: { capacity: number; view: Promise<SeatView> } = {
      capacity: event.capacity,
      view: this.readSeats(event).finally(() => this.reads.get(event._id) === read && this.reads.delete(event._id)),
    };
    this.reads.set(event._id, read);
    return read.view;
  }

  private async readSeats(event: NetworkEvent): Promise<SeatView> {
    const readAt = Date.now();
    const taken = new Set(await this.seats.takenNumbers(event._id));
    const free: number[] = [];
    for (let seat = 1; seat <= event.capacity; seat++) if (!taken.has(seat)) free.push(seat);
    const view = { capacity: event.capacity, free, readAt };
    this.views.set(event._id, view);
    return view;
  }

  private async heldBy(registrationId: string): Promise<SeatClaim | null> {
    const held = await this.seats.findByRegistration(registrationId);
    return held ? { seat: held.seat, takenNow: false } : null;
  }
}
