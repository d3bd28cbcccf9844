import type { NetworkEvent } from './network-event.schema';
import { SeatAllocator } from './seat.allocator';
import type { SeatInsertOutcome, SeatRepository } from './seat.repository';
import type { Seat } from './seat.schema';

/**
 * The seats collection as the database keeps it: `_id` (event/seat number) and `registrationId` each unique, every
 * call answered on a later turn like a round trip. Shared by several allocators, it stands for several processes.
 */
class SeatStore {
  readonly seats = new Map<string, Seat>();
  reads = 0;

  async takenNumbers(eventId: string): Promise<number[]> {
    this.reads++;
    await Promise.resolve();
    return [...this.seats.values()].filter((seat) => seat.eventId === eventId).map((seat) => seat.seat);
  }

  async tryInsert(seat: Omit<Seat, '_id' | 'takenAt'>, now: Date): Promise<SeatInsertOutcome> {
    await Promise.resolve();
    const _id = `${seat.eventId}/${seat.seat}`;
    const holder = this.seats.get(_id);
    if (holder) return holder.registrationId === seat.registrationId ? 'held-by-this' : 'seat-occupied';
    if ([...this.seats.values()].some((taken) => taken.registrationId === seat.registrationId)) return 'already-holding';
    this.seats.set(_id, { _id, ...seat, takenAt: now });
    return 'taken-now';
  }

  async findByRegistration(registrationId: string): Promise<Seat | null> {
    await Promise.resolve();
    return [...this.seats.values()].find((seat) => seat.registrationId === registrationId) ?? null;
  }

  async release(registrationId: string): Promise<void> {
    await Promise.resolve();
    for (const [id, seat] of this.seats) if (seat.registrationId === registrationId) this.seats.delete(id);
  }

  ofEvent(eventId: string): Seat[] {
    return [...this.seats.values()].filter((seat) => seat.eventId === eventId);
  }
}

const event = (capacity: number) => ({ _id: 'event-1', networkId: 'network-1', capacity }) as NetworkEvent;
const allocatorOn = (store: SeatStore) => new SeatAllocator(store as unknown as SeatRepository);
/** How a newcomer's registration claims (see RegistrationsService.register). */
const newcomer = { lookForHeld: false, fresh: false };

describe('SeatAllocator', () => {
  it('gives each of 10 seats to one of 30 concurrent registrations, reading the taken seats once', async () => {
    const store = new SeatStore();
    const allocator = allocatorOn(store);
    const claims = await Promise.all(Array.from({ length: 30 }, (_, i) => allocator.take(event(10), `r${i}`, new Date(), newcomer)));
    const seated = claims.filter((claim) => claim !== null);
    expect(seated).toHaveLength(10);
    expect(new Set(seated.map((claim) => claim.seat))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
    expect(seated.every((claim) => claim.takenNow)).toBe(true);
    expect(store.ofEvent('event-1')).toHaveLength(10);
    expect(store.reads).toBe(1);
  });

  it('never gives more seats than the capacity when two processes claim at once', async () => {
    const store = new SeatStore();
    const [one, two] = [allocatorOn(store), allocatorOn(store)];
    const claims = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? one : two).take(event(10), `r${i}`, new Date(), newcomer)));
    expect(claims.filter((claim) => claim !== null)).toHaveLength(10);
    const seats = store.ofEvent('event-1');
    expect(seats).toHaveLength(10);
    expect(new Set(seats.map((seat) => seat.seat)).size).toBe(10);
    expect(Math.max(...seats.map((seat) => seat.seat))).toBeLessThanOrEqual(10);
  });

  it('trusts a look that found the event full for a while, then looks again and finds a seat freed elsewhere', async () => {
    const store = new SeatStore();
    const here = allocatorOn(store);
    const now = Date.now();
    expect(here.believesFull(event(2), now)).toBe(false);
    await here.take(event(2), 'a');
    const { seat: seatOfB } = (await here.take(event(2), 'b'))!;
    expect(await here.take(event(2), 'c', new Date(), newcomer)).toBeNull();
    expect(here.believesFull(event(2), Date.now())).toBe(true);

    // Another process cancels b: this one does not know yet, and keeps sending newcomers to the waitlist for a while.
    await allocatorOn(store).release('event-1', 'b');
    expect(here.believesFull(event(2), Date.now())).toBe(true);
    expect(await here.take(event(2), 'c', new Date(), newcomer)).toBeNull();
    const readsBefore = store.reads;
    // A promotion (made when a seat is thought free) looks afresh at once.
    expect(await allocatorOn(store).take(event(2), 'w')).toEqual({ seat: seatOfB, takenNow: true });
    await allocatorOn(store).release('event-1', 'w');
    const later = Date.now() + 2_001;
    jest.spyOn(Date, 'now').mockReturnValue(later);
    try {
      expect(here.believesFull(event(2))).toBe(false);
      expect(await here.take(event(2), 'c', new Date(), newcomer)).toEqual({ seat: seatOfB, takenNow: true });
      expect(store.reads).toBe(readsBefore + 2);
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('looks again when the capacity grows, and after a seat is freed here', async () => {
    const store = new SeatStore();
    const allocator = allocatorOn(store);
    expect(allocator.believesFull(event(1))).toBe(false);
    await allocator.take(event(1), 'a');
    // Its own claims tell it the last seat went: no look needed.
    expect(allocator.believesFull(event(1))).toBe(true);
    expect(await allocator.take(event(1), 'b', new Date(), newcomer)).toBeNull();
    expect(allocator.believesFull(event(1))).toBe(true);
    expect(allocator.believesFull(event(2))).toBe(false);
    expect(await allocator.take(event(2), 'b')).toEqual({ seat: 2, takenNow: true });

    const releases = allocator.releasesOf('event-1');
    await allocator.release('event-1', 'a');
    expect(allocator.releasesOf('event-1')).toBe(releases + 1);
    expect(allocator.believesFull(event(2))).toBe(false);
    expect(await allocator.take(event(2), 'c')).toEqual({ seat: 1, takenNow: true });
    expect(store.ofEvent('event-1').map((seat) => seat.registrationId).sort()).toEqual(['b', 'c']);
  });

  it('finds the seat a registration already holds (a retry after a crash) unless told not to look when full', async () => {
    const store = new SeatStore();
    const allocator = allocatorOn(store);
    expect(await allocator.take(event(2), 'a')).toMatchObject({ takenNow: true });
    const held = await allocator.take(event(2), 'a');
    expect(held).toMatchObject({ takenNow: false });
    expect(store.ofEvent('event-1')).toHaveLength(1);

    await allocator.take(event(2), 'b');
    const again = allocatorOn(store);
    expect(await again.take(event(2), 'a')).toEqual({ seat: held!.seat, takenNow: false });
    expect(await again.take(event(2), 'a', new Date(), newcomer)).toBeNull();
  });
});
