import ical, { ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventStatus } from 'ical-generator';

export interface CalendarInviteInput {
  method: 'REQUEST' | 'CANCEL';
  /** Stable per event, so every update and cancellation replaces the same calendar entry. */
  uid: string;
  /** Raised by every change; clients ignore an update whose SEQUENCE is not higher than what they hold. */
  sequence: number;
  /** For one occurrence of a series (whose UID `uid` is): the start the series' rule gave it. */
  recurrenceId?: Date | null;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  organiser: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** A calendar file attached to a message, sent as `text/calendar; method=…`. */
export interface CalendarPart {
  method: 'REQUEST' | 'CANCEL';
  content: string;
}

/**
 * An iTIP invite (RFC 5546) for one attendee. Times are written in UTC (`…Z`): every client converts them to the
 * reader's zone correctly, across DST changes, with no VTIMEZONE to get wrong (the trap noted in ARCHITECTURE.md).
 */
export function buildCalendarInvite(input: CalendarInviteInput): CalendarPart {
  const calendar = ical({
    prodId: { company: 'Nordic Network Hub', product: 'scheduling', language: 'EN' },
    method: input.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL,
  });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    recurrenceId: input.recurrenceId ?? null,
    start: input.startsAt,
    end: input.endsAt,
    stamp: new Date(),
    summary: input.summary,
    description: input.description,
    location: input.location,
    url: input.url,
    status: input.method === 'REQUEST' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CANCELLED,
    organizer: { name: input.organiser.name, email: input.organiser.email },
    attendees: [
      {
        name: input.attendee.name,
        email: input.attendee.email,
        role: ICalAttendeeRole.REQ,
        status: input.method === 'REQUEST' ? ICalAttendeeStatus.ACCEPTED : ICalAttendeeStatus.DECLINED,
      },
    ],
  });
  return { method: input.method, content: calendar.toString() };
}

export interface CalendarFeedEvent {
  uid: string;
  sequence: number;
  recurrenceId?: Date | null;
  startsAt: Date;
  endsAt: Date;
  summary: string;
  description: string;
  location: string | null;
}

/**
 * A subscribable calendar (METHOD:PUBLISH) of a network's public events. The UIDs are the invites' UIDs, so a
 * registered participant who also subscribes sees each event once. Times in UTC, as in the invites.
 */
export function buildCalendarFeed(name: string, events: CalendarFeedEvent[]): string {
  const calendar = ical({ name, prodId: { company: 'Nordic Network Hub', product: 'scheduling', language: 'EN' }, method: ICalCalendarMethod.PUBLISH });
  for (const event of events) {
    calendar.createEvent({
      id: event.uid,
      sequence: event.sequence,
      recurrenceId: event.recurrenceId ?? null,
      start: event.startsAt,
      end: event.endsAt,
      stamp: new Date(),
      summary: event.summary,
      description: event.description,
      location: event.location,
    });
  }
  return calendar.toString();
}
