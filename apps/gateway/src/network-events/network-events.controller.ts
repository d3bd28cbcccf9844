import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Attendance,
  attendanceSchema,
  CreateNetworkEvent,
  createNetworkEventSchema,
  NetworkEventTransition,
  networkEventTransitionSchema,
  NetworkEventView,
  RegistrationDecision,
  registrationDecisionSchema,
  RegistrationView,
  UpdateNetworkEvent,
  updateNetworkEventSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { participantsCsv } from './participants-csv';

/** The coordinator API of meetings, webinars and gatherings. The network is the principal's, never one in the request. */
@ApiTags('network events')
@Controller('api/v1/network-events')
export class NetworkEventsController {
  constructor(private readonly scheduling: SchedulingClient) {}

  @Get()
  @RequireRole('viewer')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: NetworkEventView[] }> {
    return { items: await this.scheduling.listEvents(principal.networkId) };
  }

  @Post()
  @RequireRole('coordinator')
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createNetworkEventSchema)) body: CreateNetworkEvent): Promise<NetworkEventView> {
    return this.scheduling.createEvent(principal.networkId, body);
  }

  @Get(':eventId')
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string): Promise<NetworkEventView> {
    return this.scheduling.getEvent(principal.networkId, eventId);
  }

  /** Changing a published event raises its invite's SEQUENCE; a new time is announced as a reschedule. */
  @Patch(':eventId')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(updateNetworkEventSchema)) body: UpdateNetworkEvent,
  ): Promise<NetworkEventView> {
    return this.scheduling.updateEvent(principal.networkId, eventId, body);
  }

  /** Publish, mark held, or cancel. */
  @Post(':eventId/transitions')
  @RequireRole('coordinator')
  @HttpCode(200)
  transition(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(networkEventTransitionSchema)) body: NetworkEventTransition,
  ): Promise<NetworkEventView> {
    return this.scheduling.transitionEvent(principal.networkId, eventId, body);
  }

  @Get(':eventId/registrations')
  @RequireRole('viewer')
  async registrations(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string): Promise<{ items: RegistrationView[] }> {
    return { items: await this.scheduling.registrations(principal.networkId, eventId) };
  }

  /** Approves (a seat or the waitlist) or declines a registration of an event that requires approval. */
  @Post(':eventId/registrations/:registrationId/decision')
  @RequireRole('coordinator')
  @HttpCode(200)
  decide(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(registrationDecisionSchema)) body: RegistrationDecision,
  ): Promise<RegistrationView> {
    return this.scheduling.decide(principal.networkId, eventId, registrationId, body);
  }

  /** Check-in at the event. */
  @Post(':eventId/registrations/:registrationId/attendance')
  @RequireRole('coordinator')
  @HttpCode(200)
  markAttendance(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(attendanceSchema)) body: Attendance,
  ): Promise<RegistrationView> {
    return this.scheduling.markAttendance(principal.networkId, eventId, registrationId, body);
  }

  @Get(':eventId/registrations/export')
  @RequireRole('coordinator')
  @Header('content-type', 'text/csv; charset=utf-8')
  @Header('content-disposition', 'attachment; filename="participants.csv"')
  async export(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string): Promise<string> {
    const [event, registrations] = await Promise.all([this.scheduling.getEvent(principal.networkId, eventId), this.scheduling.registrations(principal.networkId, eventId)]);
    return participantsCsv(event, registrations);
  }
}
