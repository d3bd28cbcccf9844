import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type {
  CreateEventSeries,
  EventSeriesTransition,
  EventSeriesUpdateResult,
  EventSeriesView,
  PublicEventSeriesView,
  RegisterRequest,
  SeriesRegistrationResponse,
  UpdateEventSeries,
} from '@hub/contracts';
import { InvalidNetworkEventError, RegistrationClosedError } from '../network-events/network-event.errors';
import { NetworkEventRepository } from '../network-events/network-event.repository';
import type { NetworkEvent } from '../network-events/network-event.schema';
import { NetworkEventsService } from '../network-events/network-events.service';
import { RegistrationsService } from '../network-events/registrations.service';
import { EventSeriesNotFoundError } from './event-series.errors';
import { EventSeriesRepository } from './event-series.repository';
import type { EventSeries } from './event-series.schema';
import { overriddenFields, planRuleChange, planSeriesChange, seriesBaseline, stillToCome } from './series-change';
import { expandSeries, SeriesRuleError } from './series-rule';

/**
 * Recurring series. Creating one creates its occurrences as draft events; each occurrence is then moved, cancelled,
 * registered for and reminded of like any event (through the network-event API), and the series only groups them.
 */
@Injectable()
export class EventSeriesService {
  constructor(
    private readonly series: EventSeriesRepository,
    private readonly events: NetworkEventRepository,
    private readonly networkEvents: NetworkEventsService,
    private readonly registrations: RegistrationsService,
  ) {}

  async create(networkId: string, request: CreateEventSeries): Promise<EventSeriesView> {
    let expanded;
    try {
      expanded = expandSeries(request.rrule, request.firstStartsAt, request.timeZone, request.exceptions);
    } catch (error) {
      if (error instanceof SeriesRuleError) throw new InvalidNetworkEventError([{ path: error.path, message: error.message }]);
      throw error;
    }
    const { firstStartsAt, durationMinutes, rrule, exceptions, ...template } = request;
    const series: EventSeries = {
      _id: randomUUID(),
      networkId,
      kind: request.kind,
      title: request.title,
      description: request.description ?? {},
      timeZone: request.timeZone,
      firstStartsAt,
      durationMinutes,
      rrule: rrule.replace(/^RRULE:/i, ''),
      calendarRrule: expanded.calendarRrule,
      exceptions,
      excludedStarts: expanded.occurrences.filter((o) => o.excluded).map((o) => o.startsAt),
      venue: request.venue,
      organiser: request.organiser,
      joinUrl: request.joinUrl,
      capacity: request.capacity,
      visibility: request.visibility,
      approvalRequired: request.approvalRequired,
      questions: request.questions,
    };
    await this.series.create(series);
    for (const occurrence of expanded.occurrences.filter((o) => !o.excluded)) {
      await this.networkEvents.create(
        networkId,
        {
          ...template,
          startsAt: occurrence.startsAt.toISOString(),
          endsAt: new Date(occurrence.startsAt.getTime() + durationMinutes * 60_000).toISOString(),
          registrationOpensAt: null,
          registrationClosesAt: null,
        },
        { seriesId: series._id, recurrenceId: occurrence.startsAt },
      );
    }
    return this.get(networkId, series._id);
  }

  async get(networkId: string, id: string): Promise<EventSeriesView> {
    const series = await this.find(networkId, id);
    const occurrences = await this.events.listOfSeries(networkId, id);
    return view(series, occurrences, occurrences);
  }

  /** Only what has been published; a series with nothing published does not exist for the public. */
  async getPublic(networkId: string, id: string): Promise<PublicEventSeriesView> {
    const series = await this.find(networkId, id);
    const all = await this.events.listOfSeries(networkId, id);
    const occurrences = all.filter((event) => event.status !== 'draft');
    if (occurrences.length === 0) throw new EventSeriesNotFoundError();
    const { joinUrl: _secret, ...visible } = view(series, occurrences, all);
    return visible;
  }

  /**
   * Changes the whole series: each occurrence still to come takes the change through the ordinary event change, so
   * it is announced exactly as a change of that one event (a new time: a reschedule email with the new invite to each
   * confirmed participant; anything else: a higher SEQUENCE, no email). The occurrences are written before the series:
   * after a crash in between, the changed ones already differ from the old values, so repeating the request changes
   * only the rest. Occurrences a new rule or new exceptions take away are cancelled first, each with the usual
   * cancellation notice (METHOD:CANCEL) to its participants.
   */
  async update(networkId: string, id: string, request: UpdateEventSeries, now = new Date()): Promise<EventSeriesUpdateResult> {
    const series = await this.find(networkId, id);
    const occurrences = await this.events.listOfSeries(networkId, id);
    const rule = planRuleChange(series, occurrences, request, now);
    const staying = occurrences.filter((occurrence) => !rule.cancel.includes(occurrence._id));
    const plan = planSeriesChange(seriesBaseline(series, occurrences), staying, request, now);
    const problems = [...rule.problems, ...plan.problems];
    if (problems.length > 0) throw new InvalidNetworkEventError(problems);
    for (const eventId of rule.cancel) await this.networkEvents.transition(networkId, eventId, { to: 'cancelled' }, now);
    for (const { eventId, change } of plan.changes) await this.networkEvents.update(networkId, eventId, change, now);
    const { rrule: _rrule, exceptions: _exceptions, ...shared } = request;
    await this.series.update(id, { ...shared, ...rule.set });
    return { ...(await this.get(networkId, id)), changedOccurrences: plan.changes.map((c) => c.eventId), cancelledOccurrences: rule.cancel };
  }

  /** Publishes the drafts, or cancels every occurrence that has not been held; each one announces itself. */
  async transition(networkId: string, id: string, { to }: EventSeriesTransition): Promise<EventSeriesView> {
    await this.find(networkId, id);
    const from: Array<NetworkEvent['status']> = to === 'published' ? ['draft'] : ['draft', 'published'];
    for (const event of await this.events.listOfSeries(networkId, id)) {
      if (from.includes(event.status)) await this.networkEvents.transition(networkId, event._id, { to });
    }
    return this.get(networkId, id);
  }

  /** One registration per open occurrence, each with its own seat or place in the waitlist. */
  async register(networkId: string, id: string, request: RegisterRequest, now = new Date()): Promise<SeriesRegistrationResponse> {
    await this.find(networkId, id);
    const open = (await this.events.listOfSeries(networkId, id)).filter((event) => event.status === 'published' && event.endsAt > now);
    if (open.length === 0) throw new RegistrationClosedError('seriesId: no occurrence of this series is open for registration');
    const registrations: SeriesRegistrationResponse['registrations'] = [];
    for (const event of open) {
      try {
        const answer = await this.registrations.register(networkId, event._id, request, now);
        registrations.push({ eventId: event._id, startsAt: event.startsAt.toISOString(), ...answer });
      } catch (error) {
        // An occurrence whose own registration window has closed is left out; the others still count.
        if (!(error instanceof RegistrationClosedError)) throw error;
      }
    }
    if (registrations.length === 0) throw new RegistrationClosedError('seriesId: no occurrence of this series is open for registration');
    return { registrations };
  }

  private async find(networkId: string, id: string): Promise<EventSeries> {
    const series = await this.series.findInNetwork(networkId, id);
    if (!series) throw new EventSeriesNotFoundError();
    return series;
  }
}

/** `all` are every occurrence, for what the series shares where it does not keep it (see seriesBaseline). */
function view(series: EventSeries, occurrences: NetworkEvent[], all: NetworkEvent[], now = new Date()): EventSeriesView {
  const baseline = seriesBaseline(series, all);
  return {
    id: series._id,
    kind: series.kind,
    title: series.title,
    description: series.description,
    timeZone: series.timeZone,
    firstStartsAt: series.firstStartsAt,
    startTime: baseline.startTime,
    durationMinutes: series.durationMinutes,
    rrule: series.rrule,
    calendarRrule: series.calendarRrule,
    exceptions: series.exceptions,
    excludedStarts: series.excludedStarts.map((start) => start.toISOString()),
    venue: series.venue,
    organiser: series.organiser,
    joinUrl: baseline.joinUrl,
    capacity: baseline.capacity,
    visibility: baseline.visibility,
    approvalRequired: baseline.approvalRequired,
    questions: baseline.questions,
    occurrences: occurrences.map((event) => ({
      eventId: event._id,
      recurrenceId: event.recurrenceId!.toISOString(),
      startsAt: event.startsAt.toISOString(),
      endsAt: event.endsAt.toISOString(),
      status: event.status,
      sequence: event.sequence,
      overridden: stillToCome(event, now) ? overriddenFields(baseline, event) : [],
    })),
  };
}
