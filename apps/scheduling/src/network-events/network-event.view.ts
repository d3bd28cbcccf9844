import type { NetworkEventSnapshot, NetworkEventView, PublicNetworkEventView } from '@hub/contracts';
import type { NetworkEvent } from './network-event.schema';

/** What an email or an invite needs to know about the event, carried in the Kafka events. */
export function snapshotOf(event: NetworkEvent): NetworkEventSnapshot {
  return {
    eventId: event._id,
    kind: event.kind,
    title: event.title,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    venue: event.venue,
    organiser: event.organiser,
    sequence: event.sequence,
    occurrenceOf: event.seriesId && event.recurrenceId ? { seriesId: event.seriesId, recurrenceId: event.recurrenceId.toISOString() } : null,
  };
}

export function coordinatorView(event: NetworkEvent, counts: { seatsTaken: number; waitlisted: number }): NetworkEventView {
  return {
    id: event._id,
    kind: event.kind,
    status: event.status,
    title: event.title,
    description: event.description,
    startsAt: event.startsAt.toISOString(),
    endsAt: event.endsAt.toISOString(),
    timeZone: event.timeZone,
    venue: event.venue,
    joinUrl: event.joinUrl,
    organiser: event.organiser,
    capacity: event.capacity,
    registrationOpensAt: event.registrationOpensAt?.toISOString() ?? null,
    registrationClosesAt: event.registrationClosesAt?.toISOString() ?? null,
    visibility: event.visibility,
    approvalRequired: event.approvalRequired ?? false,
    questions: event.questions,
    sequence: event.sequence,
    rescheduledAt: event.rescheduledAt?.toISOString() ?? null,
    seriesId: event.seriesId ?? null,
    recurrenceId: event.recurrenceId?.toISOString() ?? null,
    ...counts,
  };
}

export function publicView(event: NetworkEvent, seatsTaken: number): PublicNetworkEventView {
  const { joinUrl: _secret, waitlisted: _waitlisted, ...rest } = coordinatorView(event, { seatsTaken, waitlisted: 0 });
  return { ...rest, seatsLeft: Math.max(0, event.capacity - seatsTaken) };
}
