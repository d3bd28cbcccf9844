import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type { CoordinatorRegistration, EventParticipant, Language, MoveRegistration, OwnRegistrationView, RegisterRequest, RegisterResponse, RegistrationView } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import type { SchedulingConfig } from '../scheduling.config';
import {
  InvalidAnswersError,
  InvalidRegistrationMoveError,
  MembersOnlyError,
  NetworkEventNotFoundError,
  NetworkEventStateError,
  RegistrationClosedError,
  RegistrationNotFoundError,
  UnknownRegistrationError,
} from './network-event.errors';
import { NetworkEventRepository } from './network-event.repository';
import type { NetworkEvent } from './network-event.schema';
import { publicView, snapshotOf } from './network-event.view';
import { RegistrationTokens } from './registration-token';
import { RegistrationRepository } from './registration.repository';
import { Registration, registrationIdOf } from './registration.schema';
import { SeatAllocator } from './seat.allocator';
import { SeatRepository } from './seat.repository';

/**
 * Registration, the waitlist and promotion. Seats are the truth about who is confirmed (see Seat); the registration
 * document follows it and carries the announcing event in the same write.
 */
@Injectable()
export class RegistrationsService {
  private readonly tokens: RegistrationTokens;

  constructor(
    @Inject(APP_CONFIG) config: SchedulingConfig,
    private readonly events: NetworkEventRepository,
    private readonly registrations: RegistrationRepository,
    private readonly seats: SeatRepository,
    private readonly allocator: SeatAllocator,
    private readonly factory: EventFactory,
  ) {
    this.tokens = new RegistrationTokens(config.LINK_SIGNING_SECRET);
  }

  /** Registering again with the same address answers with the registration it already has. */
  async register(networkId: string, eventId: string, request: RegisterRequest, now = new Date()): Promise<RegisterResponse> {
    const event = await this.events.findInNetworkShared(networkId, eventId);
    if (!event || event.status !== 'published') throw new NetworkEventNotFoundError();
    this.assertOpen(event, now);
    if (event.visibility === 'members' && !request.membership) throw new MembersOnlyError();
    const answers = this.checkedAnswers(event, request.answers, request.language);

    const id = registrationIdOf(eventId, request.email);
    if (!event.approvalRequired && this.allocator.believesFull(event)) {
      const queued = await this.joinWaitlist(event, id, request, answers, now);
      if (queued) return queued;
    }
    const existing = await this.registrations.findById(id);
    if (existing && existing.status !== 'cancelled') return { registrationId: id, status: existing.status };

    if (event.approvalRequired) {
      const pending = this.newRegistration(event, id, request, answers, 'pending', null, now);
      if (existing) {
        const { _id, outbox, ...again } = pending;
        await this.registrations.set(id, again);
      } else {
        const winner = await this.registrations.insertOrFindExisting(pending);
        if (winner) return { registrationId: id, status: winner.status };
      }
      return { registrationId: id, status: 'pending' };
    }

    return this.place(event, id, request, answers, existing, now, true, { lookForHeld: false, fresh: false });
  }

  /**
   * Most of a burst, once the seats are known to be gone: the registration goes straight to the waitlist, one insert,
   * and an address already registered is found by that insert colliding with it. Null when the address has a
   * cancelled registration, which registering again renews (the general path).
   */
  private async joinWaitlist(
    event: NetworkEvent,
    id: string,
    request: RegisterRequest,
    answers: Registration['answers'],
    now: Date,
  ): Promise<RegisterResponse | null> {
    const releases = this.allocator.releasesOf(event._id);
    const registration = this.newRegistration(event, id, request, answers, 'waitlisted', null, now);
    const news = this.factory.create('scheduling.registration.waitlisted', { networkId: event.networkId, key: event._id, payload: this.newsFields(event, registration) });
    const existing = await this.registrations.insertOrFindExisting({ ...registration, outbox: [news] });
    if (existing?.status === 'cancelled') return null;
    if (existing) return { registrationId: id, status: existing.status };
    return this.afterWaitlisting(event, id, releases, now);
  }

  /**
   * A seat freed here between the look that found none and the waitlist write would otherwise wait for the next
   * cancellation; one freed by another process is filled by that process's promotion or by the SeatReconciler.
   */
  private async afterWaitlisting(event: NetworkEvent, id: string, releasesBefore: number, now: Date): Promise<RegisterResponse> {
    if (this.allocator.releasesOf(event._id) !== releasesBefore && (await this.promoteWaiting(event, now)) > 0) {
      const after = await this.registrations.findById(id);
      if (after?.status === 'confirmed') return { registrationId: id, status: 'confirmed' };
    }
    return { registrationId: id, status: 'waitlisted' };
  }

  /**
   * A coordinator adds someone: no registration window and no approval (the coordinator decides by adding), required
   * questions may stay open, and `notify: false` keeps the emails back. The same address again finds its registration.
   */
  async add(networkId: string, eventId: string, request: CoordinatorRegistration, now = new Date()): Promise<RegistrationView> {
    const event = await this.events.findInNetwork(networkId, eventId);
    if (!event) throw new NetworkEventNotFoundError();
    if (event.status !== 'published') throw new NetworkEventStateError(`eventId: a ${event.status} event takes no registrations`);
    const answers = this.checkedAnswers(event, request.answers, request.language, false);
    const id = registrationIdOf(eventId, request.email);
    const existing = await this.registrations.findById(id);
    if (!existing || existing.status === 'cancelled') await this.place(event, id, request, answers, existing, now, request.notify);
    return registrationView((await this.registrations.findById(id))!);
  }

  /**
   * Moves a registration to another event (e.g. another occurrence of a series): a seat there is claimed, or a place
   * at the end of its waitlist, before the old one is cancelled and its seat given to the head of that waitlist. So
   * nobody is without a place in between, and both events keep their capacity (seats stay insert-only claims).
   */
  async move(networkId: string, eventId: string, registrationId: string, { toEventId, notify }: MoveRegistration, now = new Date()): Promise<RegistrationView> {
    const from = await this.events.findInNetwork(networkId, eventId);
    const registration = await this.registrations.findById(registrationId);
    if (!from || !registration || registration.networkId !== networkId || registration.eventId !== eventId) throw new UnknownRegistrationError();
    if (registration.status === 'cancelled') throw new NetworkEventStateError('registrationId: this registration is cancelled');
    if (toEventId === eventId) throw new InvalidRegistrationMoveError('toEventId: the registration is already for this event');
    const to = await this.events.findInNetwork(networkId, toEventId);
    if (!to) throw new InvalidRegistrationMoveError('toEventId: no such event in this network');
    if (to.status !== 'published' || to.endsAt <= now) throw new InvalidRegistrationMoveError(`toEventId: that event is ${to.status === 'published' ? 'over' : to.status}`);
    const targetId = registrationIdOf(toEventId, registration.email);
    const there = await this.registrations.findById(targetId);
    if (there && there.status !== 'cancelled') throw new InvalidRegistrationMoveError('toEventId: this person is already registered for that event');
    // Answers to questions the other event does not ask are left behind.
    const asked = new Set(to.questions.map((question) => question.id));
    const answers = Object.fromEntries(Object.entries(registration.answers).filter(([id]) => asked.has(id)));
    await this.place(to, targetId, registration, answers, there, now, notify);
    await this.cancelRegistration(from, registration, now, notify);
    return registrationView((await this.registrations.findById(targetId))!);
  }

  /**
   * Claims a seat (or a place in the waitlist) and writes the registration with its announcement. The seat is claimed
   * before the registration is written, so the registration, its status and its announcement are one insert. A seat
   * whose registration never got written (a crash in between) is the same person's again when they retry, because the
   * seat is keyed by the registration id, which derives from their address.
   */
  private async place(
    event: NetworkEvent,
    id: string,
    request: Pick<Registration, 'email' | 'name' | 'organisation' | 'language'>,
    answers: Registration['answers'],
    existing: Registration | null,
    now: Date,
    notify = true,
    seatOptions: { lookForHeld?: boolean; fresh?: boolean } = {},
  ): Promise<RegisterResponse> {
    const networkId = event.networkId;
    const eventId = event._id;
    const releases = this.allocator.releasesOf(eventId);
    const claim = await this.allocator.take(event, id, now, seatOptions);
    const registration = this.newRegistration(event, id, request, answers, claim ? 'confirmed' : 'waitlisted', claim?.seat ?? null, now);
    const news = claim
      ? this.factory.create('scheduling.registration.confirmed', {
          networkId,
          key: eventId,
          payload: { ...this.newsFields(event, registration, notify), joinUrl: event.joinUrl },
        })
      : this.factory.create('scheduling.registration.waitlisted', { networkId, key: eventId, payload: this.newsFields(event, registration, notify) });
    if (existing) {
      const { _id, outbox, ...again } = registration;
      await this.registrations.update(id, again, news);
    } else {
      const winner = await this.registrations.insertOrFindExisting({ ...registration, outbox: [news] });
      if (winner) return { registrationId: id, status: winner.status };
    }
    if (claim) return { registrationId: id, status: 'confirmed' };
    return this.afterWaitlisting(event, id, releases, now);
  }

  /** A coordinator's decision on a pending registration: approved, it takes a seat or joins the waitlist. */
  async decide(networkId: string, eventId: string, registrationId: string, approve: boolean, now = new Date()): Promise<RegistrationView> {
    const event = await this.events.findInNetwork(networkId, eventId);
    const registration = await this.registrations.findById(registrationId);
    if (!event || !registration || registration.networkId !== networkId || registration.eventId !== eventId) throw new UnknownRegistrationError();
    if (registration.status !== 'pending') throw new NetworkEventStateError(`registrationId: this registration is ${registration.status}, not pending`);
    if (!approve) {
      const news = this.factory.create('scheduling.registration.cancelled', {
        networkId,
        key: eventId,
        payload: { ...this.newsFields(event, registration), wasConfirmed: false },
      });
      await this.registrations.update(registrationId, { status: 'cancelled', cancelledAt: now }, news);
      return registrationView({ ...registration, status: 'cancelled', cancelledAt: now });
    }
    const claim = await this.allocator.take(event, registrationId, now);
    const news = claim
      ? this.factory.create('scheduling.registration.confirmed', {
          networkId,
          key: eventId,
          payload: { ...this.newsFields(event, registration), joinUrl: event.joinUrl },
        })
      : this.factory.create('scheduling.registration.waitlisted', { networkId, key: eventId, payload: this.newsFields(event, registration) });
    const change = { status: claim ? ('confirmed' as const) : ('waitlisted' as const), seat: claim?.seat ?? null, queuedAt: now };
    await this.registrations.update(registrationId, change, news);
    return registrationView({ ...registration, ...change });
  }

  /** Check-in: only someone holding a seat can have attended. */
  async markAttendance(networkId: string, eventId: string, registrationId: string, attended: boolean, now = new Date()): Promise<RegistrationView> {
    const registration = await this.registrations.findById(registrationId);
    if (!registration || registration.networkId !== networkId || registration.eventId !== eventId) throw new UnknownRegistrationError();
    if (registration.status !== 'confirmed') throw new NetworkEventStateError(`registrationId: this registration is ${registration.status}, not confirmed`);
    const attendedAt = attended ? (registration.attendedAt ?? now) : null;
    await this.registrations.set(registrationId, { attendedAt });
    return registrationView({ ...registration, attendedAt });
  }

  /** Frees the seat (if any) and promotes the first waiting person into it. */
  async cancel(token: string, now = new Date()): Promise<{ outcome: 'cancelled' | 'already-cancelled' }> {
    const registration = await this.byToken(token);
    if (registration.status === 'cancelled') return { outcome: 'already-cancelled' };
    const event = await this.events.findById(registration.eventId);
    if (!event) throw new RegistrationNotFoundError();
    await this.cancelRegistration(event, registration, now);
    return { outcome: 'cancelled' };
  }

  /** Cancels without telling the person (an erased contact), giving the seat to the head of the waitlist. */
  async cancelQuietly(event: NetworkEvent, registration: Registration, now = new Date()): Promise<void> {
    if (registration.status !== 'cancelled') await this.cancelRegistration(event, registration, now, false);
  }

  private async cancelRegistration(event: NetworkEvent, registration: Registration, now: Date, notify = true): Promise<void> {
    const wasConfirmed = registration.status === 'confirmed';
    const news = this.factory.create('scheduling.registration.cancelled', {
      networkId: registration.networkId,
      key: event._id,
      payload: { ...this.newsFields(event, registration, notify), wasConfirmed },
    });
    // Cancelled first, seat freed after: a crash in between keeps the seat out of use rather than giving it twice.
    await this.registrations.update(registration._id, { status: 'cancelled', cancelledAt: now, seat: null }, news);
    await this.allocator.release(event._id, registration._id);
    await this.promoteWaiting(event, now);
  }

  /** Fills free seats from the head of the waitlist, in order; safe to run concurrently and repeatedly. */
  async promoteWaiting(event: NetworkEvent, now = new Date()): Promise<number> {
    let promoted = 0;
    for (;;) {
      const free = event.capacity - (await this.seats.count(event._id));
      if (free <= 0) return promoted;
      const waiting = await this.registrations.firstWaiting(event._id, free);
      if (waiting.length === 0) return promoted;
      for (const registration of waiting) {
        const claim = await this.allocator.take(event, registration._id, now);
        if (!claim) return promoted;
        // Held already: another promoter announced it, unless the seat was taken by a registration that was then
        // written as waitlisted (a race of the same address with itself); the status tells which.
        if (!claim.takenNow && (await this.registrations.findById(registration._id))?.status !== 'waitlisted') continue;
        const news = this.factory.create('scheduling.registration.promoted', {
          networkId: event.networkId,
          key: event._id,
          payload: { ...this.newsFields(event, registration), joinUrl: event.joinUrl },
        });
        await this.registrations.update(registration._id, { status: 'confirmed', seat: claim.seat }, news);
        promoted++;
      }
    }
  }

  async own(token: string): Promise<OwnRegistrationView> {
    const registration = await this.byToken(token);
    const event = await this.events.findById(registration.eventId);
    if (!event) throw new RegistrationNotFoundError();
    const { seat: _seat, ...view } = registrationView(registration);
    return {
      registration: view,
      event: { ...publicView(event, await this.seats.count(event._id)), joinUrl: registration.status === 'confirmed' ? event.joinUrl : null },
    };
  }

  async listForEvent(networkId: string, eventId: string): Promise<RegistrationView[]> {
    const event = await this.events.findInNetwork(networkId, eventId);
    if (!event) throw new NetworkEventNotFoundError();
    return (await this.registrations.listForEvent(networkId, eventId)).map(registrationView);
  }

  /**
   * Everyone holding a seat, with the link to their own page, for an update, a cancellation or a reminder sent to
   * all; `registeredBy` leaves out those who registered later.
   */
  async participantsOf(eventId: string, registeredBy?: Date): Promise<EventParticipant[]> {
    const confirmed = await this.registrations.confirmedOf(eventId);
    return confirmed.filter((registration) => !registeredBy || registration.registeredAt <= registeredBy).map((registration) => ({
      registrationId: registration._id,
      email: registration.email,
      name: registration.name,
      language: registration.language,
      manageToken: this.tokens.sign({ networkId: registration.networkId, registrationId: registration._id }),
    }));
  }

  async counts(eventId: string): Promise<{ seatsTaken: number; waitlisted: number }> {
    const [seatsTaken, waitlisted] = await Promise.all([this.seats.count(eventId), this.registrations.countWaiting(eventId)]);
    return { seatsTaken, waitlisted };
  }

  private newRegistration(
    event: NetworkEvent,
    id: string,
    request: Pick<Registration, 'email' | 'name' | 'organisation' | 'language'>,
    answers: Registration['answers'],
    status: Registration['status'],
    seat: number | null,
    now: Date,
  ): Registration {
    return {
      _id: id,
      networkId: event.networkId,
      eventId: event._id,
      email: request.email,
      name: request.name,
      organisation: request.organisation,
      language: request.language,
      answers,
      status,
      seat,
      queuedAt: now,
      registeredAt: now,
      cancelledAt: null,
      attendedAt: null,
      anonymisedAt: null,
      outbox: [],
    };
  }

  /** `notify: false` (a coordinator's quiet change) travels with the news, and delivery then sends no email. */
  private newsFields(event: NetworkEvent, registration: Registration, notify = true) {
    return {
      ...(notify ? {} : { notify: false as const }),
      registrationId: registration._id,
      email: registration.email,
      name: registration.name,
      language: registration.language,
      manageToken: this.tokens.sign({ networkId: registration.networkId, registrationId: registration._id }),
      event: snapshotOf(event),
    };
  }

  private async byToken(token: string): Promise<Registration> {
    const claims = this.tokens.verify(token);
    const registration = await this.registrations.findById(claims.registrationId);
    if (!registration || registration.networkId !== claims.networkId) throw new RegistrationNotFoundError();
    return registration;
  }

  private assertOpen(event: NetworkEvent, now: Date): void {
    if (event.registrationOpensAt && now < event.registrationOpensAt) {
      throw new RegistrationClosedError(`eventId: registration opens ${event.registrationOpensAt.toISOString()}`);
    }
    const closesAt = event.registrationClosesAt ?? event.endsAt;
    if (now >= closesAt) throw new RegistrationClosedError('eventId: registration for this event has closed');
  }

  /** Every answer must belong to a question and fit its kind; required questions must be answered. */
  private checkedAnswers(event: NetworkEvent, answers: Record<string, string | boolean>, language: Language, requireAll = true): Record<string, string | boolean> {
    const problems: string[] = [];
    const known = new Set(event.questions.map((question) => question.id));
    for (const id of Object.keys(answers)) if (!known.has(id)) problems.push(`answers.${id}: this event has no such question`);
    for (const question of event.questions) {
      const answer = answers[question.id];
      const field = `answers.${question.id}`;
      const missing = answer === undefined || answer === '' || (question.kind === 'consent' && answer === false);
      if (missing) {
        if (question.required && requireAll) problems.push(`${field}: required (${question.label[language] ?? question.label.en ?? Object.values(question.label)[0]})`);
        continue;
      }
      if ((question.kind === 'yes-no' || question.kind === 'consent') && typeof answer !== 'boolean') problems.push(`${field}: must be true or false`);
      if (question.kind === 'text' && typeof answer !== 'string') problems.push(`${field}: must be text`);
      if (question.kind === 'choice' && !question.options?.some((option) => option.id === answer)) {
        problems.push(`${field}: must be one of ${question.options?.map((option) => option.id).join(', ')}`);
      }
    }
    if (problems.length > 0) throw new InvalidAnswersError(problems);
    return answers;
  }
}

function registrationView(registration: Registration): RegistrationView {
  return {
    id: registration._id,
    eventId: registration.eventId,
    status: registration.status,
    name: registration.name,
    email: registration.email,
    organisation: registration.organisation,
    language: registration.language,
    answers: registration.answers,
    seat: registration.seat,
    registeredAt: registration.registeredAt.toISOString(),
    attended: Boolean(registration.attendedAt),
  };
}
