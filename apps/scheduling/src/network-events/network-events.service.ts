import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CreateNetworkEvent, eventProblems, NetworkEventTransition, NetworkEventView, PublicNetworkEventView, UpdateNetworkEvent } from '@hub/contracts';
import { EventFactory } from '@hub/messaging';
import { InvalidNetworkEventError, NetworkEventNotFoundError, NetworkEventStateError } from './network-event.errors';
import { NetworkEventRepository } from './network-event.repository';
import type { NetworkEvent } from './network-event.schema';
import { coordinatorView, publicView, snapshotOf } from './network-event.view';
import { RegistrationsService } from './registrations.service';

const instant = (value: string | null | undefined) => (value === null || value === undefined ? null : new Date(value));

/** The lifecycle: draft → published → (rescheduled) → held or cancelled. */
@Injectable()
export class NetworkEventsService {
  constructor(
    private readonly events: NetworkEventRepository,
    private readonly registrations: RegistrationsService,
    private readonly factory: EventFactory,
  ) {}

  /** A draft; an occurrence of a series also carries the series and the start its rule gave it. */
  async create(networkId: string, request: CreateNetworkEvent, occurrenceOf: { seriesId: string; recurrenceId: Date } | null = null): Promise<NetworkEventView> {
    const event = await this.events.create({
      _id: occurrenceOf ? `${occurrenceOf.seriesId}-${occurrenceOf.recurrenceId.getTime().toString(36)}` : randomUUID(),
      networkId,
      kind: request.kind,
      status: 'draft',
      title: request.title,
      description: request.description ?? {},
      startsAt: new Date(request.startsAt),
      endsAt: new Date(request.endsAt),
      timeZone: request.timeZone,
      venue: request.venue,
      joinUrl: request.joinUrl,
      organiser: request.organiser,
      capacity: request.capacity,
      registrationOpensAt: instant(request.registrationOpensAt),
      registrationClosesAt: instant(request.registrationClosesAt),
      visibility: request.visibility,
      approvalRequired: request.approvalRequired,
      questions: request.questions,
      sequence: 0,
      rescheduledAt: null,
      registrationsAnonymisedAt: null,
      seriesId: occurrenceOf?.seriesId ?? null,
      recurrenceId: occurrenceOf?.recurrenceId ?? null,
      outbox: [],
    });
    return coordinatorView(event, { seatsTaken: 0, waitlisted: 0 });
  }

  async list(networkId: string): Promise<NetworkEventView[]> {
    const events = await this.events.listInNetwork(networkId);
    return Promise.all(events.map(async (event) => coordinatorView(event, await this.registrations.counts(event._id))));
  }

  async get(networkId: string, id: string): Promise<NetworkEventView> {
    const event = await this.find(networkId, id);
    return coordinatorView(event, await this.registrations.counts(id));
  }

  async listPublic(networkId: string, now = new Date()): Promise<PublicNetworkEventView[]> {
    const events = await this.events.listPublic(networkId, now);
    return Promise.all(events.map(async (event) => publicView(event, (await this.registrations.counts(event._id)).seatsTaken)));
  }

  /** Members-only events are not listed, but their page is reachable for whoever has the link. */
  async getPublic(networkId: string, id: string): Promise<PublicNetworkEventView> {
    const event = await this.events.findInNetwork(networkId, id);
    if (!event || event.status === 'draft') throw new NetworkEventNotFoundError();
    return publicView(event, (await this.registrations.counts(id)).seatsTaken);
  }

  /**
   * Any change to a published event raises the invite's SEQUENCE; a change of time announces a reschedule. Capacity
   * only grows once published, because a shrink could not be made safe against registrations racing it.
   */
  async update(networkId: string, id: string, request: UpdateNetworkEvent, now = new Date()): Promise<NetworkEventView> {
    const event = await this.find(networkId, id);
    if (event.status === 'cancelled' || event.status === 'held') throw new NetworkEventStateError(`status: a ${event.status} event cannot be changed`);
    const { registrationOpensAt, registrationClosesAt, startsAt, endsAt, ...plain } = request;
    const set: Partial<NetworkEvent> = { ...plain };
    if (startsAt !== undefined) set.startsAt = new Date(startsAt);
    if (endsAt !== undefined) set.endsAt = new Date(endsAt);
    if (registrationOpensAt !== undefined) set.registrationOpensAt = instant(registrationOpensAt);
    if (registrationClosesAt !== undefined) set.registrationClosesAt = instant(registrationClosesAt);
    const next: NetworkEvent = { ...event, ...set };
    const problems = eventProblems({
      ...next,
      startsAt: next.startsAt.toISOString(),
      endsAt: next.endsAt.toISOString(),
      registrationOpensAt: next.registrationOpensAt?.toISOString() ?? null,
      registrationClosesAt: next.registrationClosesAt?.toISOString() ?? null,
    });
    if (event.status === 'published' && next.capacity < event.capacity) {
      problems.push({ path: 'capacity', message: `a published event's capacity can only grow (it is ${event.capacity})` });
    }
    if (problems.length > 0) throw new InvalidNetworkEventError(problems);

    let announcement;
    if (event.status === 'published') {
      next.sequence = set.sequence = event.sequence + 1;
      const moved = next.startsAt.getTime() !== event.startsAt.getTime() || next.endsAt.getTime() !== event.endsAt.getTime() || next.timeZone !== event.timeZone;
      if (moved) {
        next.rescheduledAt = set.rescheduledAt = now;
        announcement = this.factory.create('scheduling.event.rescheduled', {
          networkId,
          key: id,
          payload: {
            ...snapshotOf(next),
            previousStartsAt: event.startsAt.toISOString(),
            previousEndsAt: event.endsAt.toISOString(),
            joinUrl: next.joinUrl,
            participants: await this.registrations.participantsOf(id),
          },
        });
      }
    }
    await this.events.update(id, set, announcement);
    if (event.status === 'published' && next.capacity > event.capacity) await this.registrations.promoteWaiting(next, now);
    return coordinatorView(next, await this.registrations.counts(id));
  }

  async transition(networkId: string, id: string, { to }: NetworkEventTransition, now = new Date()): Promise<NetworkEventView> {
    const event = await this.find(networkId, id);
    const allowed: Record<NetworkEventTransition['to'], NetworkEvent['status'][]> = {
      published: ['draft'],
      held: ['published'],
      cancelled: ['draft', 'published'],
    };
    if (!allowed[to].includes(event.status)) throw new NetworkEventStateError(`to: a ${event.status} event cannot become ${to}`);
    if (to === 'held' && now < event.startsAt) throw new NetworkEventStateError('to: an event can be marked held once it has started');

    const next: NetworkEvent = { ...event, status: to };
    let announcement;
    if (to === 'published') {
      announcement = this.factory.create('scheduling.event.published', {
        networkId,
        key: id,
        payload: { ...snapshotOf(next), capacity: next.capacity, visibility: next.visibility },
      });
    } else if (to === 'cancelled' && event.status === 'published') {
      next.sequence = event.sequence + 1;
      announcement = this.factory.create('scheduling.event.cancelled', {
        networkId,
        key: id,
        payload: { ...snapshotOf(next), participants: await this.registrations.participantsOf(id) },
      });
    }
    await this.events.update(id, { status: next.status, sequence: next.sequence }, announcement);
    return coordinatorView(next, await this.registrations.counts(id));
  }

  private async find(networkId: string, id: string): Promise<NetworkEvent> {
    const event = await this.events.findInNetwork(networkId, id);
    if (!event) throw new NetworkEventNotFoundError();
    return event;
  }
}
