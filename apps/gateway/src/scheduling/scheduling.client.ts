import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@hub/config';
import type {
  Attendance,
  CoordinatorRegistration,
  InternalAcceptProgramme,
  InternalProgrammeYear,
  CreateEventSeries,
  CreateNetworkEvent,
  EventSeriesTransition,
  EventSeriesUpdateResult,
  EventSeriesView,
  InternalProgrammeRequest,
  MoveRegistration,
  NetworkEventTransition,
  NetworkEventView,
  OwnRegistrationView,
  ProgrammeProposals,
  PublicEventSeriesView,
  PublicNetworkEventView,
  RegisterRequestInput,
  RegisterResponse,
  RegistrationDecision,
  RegistrationView,
  SchedulingSettings,
  SeriesRegistrationResponse,
  UpdateEventSeries,
  UpdateSchedulingSettings,
  UpdateNetworkEvent,
} from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';

/** The scheduling service's internal API, as the gateway uses it. */
@Injectable()
export class SchedulingClient {
  private readonly http: InternalApiClient;

  constructor(@Inject(APP_CONFIG) config: GatewayConfig) {
    this.http = new InternalApiClient('scheduling', config.SCHEDULING_URL, config.INTERNAL_API_SECRET);
  }

  createEvent(networkId: string, request: CreateNetworkEvent): Promise<NetworkEventView> {
    return this.http.request('POST', `${this.network(networkId)}/network-events`, request);
  }

  listEvents(networkId: string): Promise<NetworkEventView[]> {
    return this.http.request('GET', `${this.network(networkId)}/network-events`);
  }

  getEvent(networkId: string, eventId: string): Promise<NetworkEventView> {
    return this.http.request('GET', `${this.event(networkId, eventId)}`);
  }

  updateEvent(networkId: string, eventId: string, request: UpdateNetworkEvent): Promise<NetworkEventView> {
    return this.http.request('PATCH', this.event(networkId, eventId), request);
  }

  transitionEvent(networkId: string, eventId: string, request: NetworkEventTransition): Promise<NetworkEventView> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/transitions`, request);
  }

  registrations(networkId: string, eventId: string): Promise<RegistrationView[]> {
    return this.http.request('GET', `${this.event(networkId, eventId)}/registrations`);
  }

  decide(networkId: string, eventId: string, registrationId: string, decision: RegistrationDecision): Promise<RegistrationView> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/registrations/${encodeURIComponent(registrationId)}/decision`, decision);
  }

  addRegistration(networkId: string, eventId: string, request: CoordinatorRegistration): Promise<RegistrationView> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/coordinator-registrations`, request);
  }

  moveRegistration(networkId: string, eventId: string, registrationId: string, request: MoveRegistration): Promise<RegistrationView> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/registrations/${encodeURIComponent(registrationId)}/move`, request);
  }

  markAttendance(networkId: string, eventId: string, registrationId: string, attendance: Attendance): Promise<RegistrationView> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/registrations/${encodeURIComponent(registrationId)}/attendance`, attendance);
  }

  publicEvents(networkId: string): Promise<PublicNetworkEventView[]> {
    return this.http.request('GET', `${this.network(networkId)}/public-network-events`);
  }

  publicEvent(networkId: string, eventId: string): Promise<PublicNetworkEventView> {
    return this.http.request('GET', `${this.network(networkId)}/public-network-events/${encodeURIComponent(eventId)}`);
  }

  register(networkId: string, eventId: string, request: RegisterRequestInput): Promise<RegisterResponse> {
    return this.http.request('POST', `${this.event(networkId, eventId)}/registrations`, request);
  }

  ownRegistration(token: string): Promise<OwnRegistrationView> {
    return this.http.request('POST', '/internal/registrations/lookups', { token });
  }

  cancelRegistration(token: string): Promise<{ outcome: 'cancelled' | 'already-cancelled' }> {
    return this.http.request('POST', '/internal/registrations/cancellations', { token });
  }

  programmeProposals(networkId: string, request: InternalProgrammeRequest): Promise<ProgrammeProposals> {
    return this.http.request('POST', `${this.network(networkId)}/programme-proposals`, request);
  }

  createSeries(networkId: string, request: CreateEventSeries): Promise<EventSeriesView> {
    return this.http.request('POST', `${this.network(networkId)}/event-series`, request);
  }

  getSeries(networkId: string, seriesId: string): Promise<EventSeriesView> {
    return this.http.request('GET', `${this.network(networkId)}/event-series/${encodeURIComponent(seriesId)}`);
  }

  updateSeries(networkId: string, seriesId: string, request: UpdateEventSeries): Promise<EventSeriesUpdateResult> {
    return this.http.request('PATCH', `${this.network(networkId)}/event-series/${encodeURIComponent(seriesId)}`, request);
  }

  transitionSeries(networkId: string, seriesId: string, request: EventSeriesTransition): Promise<EventSeriesView> {
    return this.http.request('POST', `${this.network(networkId)}/event-series/${encodeURIComponent(seriesId)}/transitions`, request);
  }

  publicSeries(networkId: string, seriesId: string): Promise<PublicEventSeriesView> {
    return this.http.request('GET', `${this.network(networkId)}/public-event-series/${encodeURIComponent(seriesId)}`);
  }

  registerForSeries(networkId: string, seriesId: string, request: RegisterRequestInput): Promise<SeriesRegistrationResponse> {
    return this.http.request('POST', `${this.network(networkId)}/event-series/${encodeURIComponent(seriesId)}/registrations`, request);
  }

  settings(networkId: string): Promise<SchedulingSettings> {
    return this.http.request('GET', `${this.network(networkId)}/scheduling-settings`);
  }

  updateSettings(networkId: string, request: UpdateSchedulingSettings): Promise<SchedulingSettings> {
    return this.http.request('PATCH', `${this.network(networkId)}/scheduling-settings`, request);
  }

  programmeFromSettings(networkId: string, request: InternalProgrammeYear): Promise<ProgrammeProposals> {
    return this.http.request('POST', `${this.network(networkId)}/programme-proposals/from-settings`, request);
  }

  acceptProgramme(networkId: string, request: InternalAcceptProgramme): Promise<{ events: NetworkEventView[] }> {
    return this.http.request('POST', `${this.network(networkId)}/programme-acceptances`, request);
  }

  private network(networkId: string): string {
    return `/internal/networks/${encodeURIComponent(networkId)}`;
  }

  private event(networkId: string, eventId: string): string {
    return `${this.network(networkId)}/network-events/${encodeURIComponent(eventId)}`;
  }
}
