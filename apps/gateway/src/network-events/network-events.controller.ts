import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Attendance,
  attendanceSchema,
  CreateNetworkEvent,
  createNetworkEventSchema,
  MoveRegistration,
  moveRegistrationSchema,
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
import { NetworksService } from '../networks/networks.service';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { AddRegistration, addRegistrationSchema } from './network-events.dto';
import { participantsCsv, participantsXlsx } from './participants-csv';

/** The coordinator API of meetings, webinars and gatherings. The network is the principal's, never one in the request. */
@ApiTags('network events')
@Controller('api/v1/network-events')
export class NetworkEventsController {
  constructor(
    private readonly scheduling: SchedulingClient,
    private readonly networks: NetworksService,
  ) {}

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

  /**
   * Adds a participant by hand: a seat or the waitlist, whatever the registration window or approval setting;
   * `notify: false` sends no email. The same address again answers with its registration.
   */
  @Post(':eventId/registrations')
  @RequireRole('coordinator')
  @HttpCode(200)
  async add(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(addRegistrationSchema)) body: AddRegistration,
  ): Promise<RegistrationView> {
    const network = await this.networks.byId(principal.networkId);
    const language = body.language ?? network.defaultLanguage;
    this.networks.assertOffers(network, language);
    return this.scheduling.addRegistration(principal.networkId, eventId, { ...body, language, membership: null });
  }

  /** Moves a registration to another event of the network (a seat there, or its waitlist), freeing the seat here. */
  @Post(':eventId/registrations/:registrationId/move')
  @RequireRole('coordinator')
  @HttpCode(200)
  move(
    @CurrentPrincipal() principal: Principal,
    @Param('eventId') eventId: string,
    @Param('registrationId') registrationId: string,
    @Body(new ZodValidationPipe(moveRegistrationSchema)) body: MoveRegistration,
  ): Promise<RegistrationView> {
    return this.scheduling.moveRegistration(principal.networkId, eventId, registrationId, body);
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

  /** The same participants as the CSV, as an Excel workbook. */
  @Get(':eventId/registrations/export.xlsx')
  @RequireRole('coordinator')
  @Header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @Header('content-disposition', 'attachment; filename="participants.xlsx"')
  async exportXlsx(@CurrentPrincipal() principal: Principal, @Param('eventId') eventId: string): Promise<StreamableFile> {
    const [event, registrations] = await Promise.all([this.scheduling.getEvent(principal.networkId, eventId), this.scheduling.registrations(principal.networkId, eventId)]);
    return new StreamableFile(await participantsXlsx(event, registrations));
  }
}
