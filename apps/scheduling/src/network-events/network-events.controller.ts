import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  CreateNetworkEvent,
  createNetworkEventSchema,
  NetworkEventTransition,
  networkEventTransitionSchema,
  NetworkEventView,
  PublicNetworkEventView,
  RegistrationView,
  UpdateNetworkEvent,
  updateNetworkEventSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { NetworkEventsService } from './network-events.service';
import { RegistrationsService } from './registrations.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId')
export class NetworkEventsController {
  constructor(
    private readonly networkEvents: NetworkEventsService,
    private readonly registrations: RegistrationsService,
  ) {}

  @Post('network-events')
  @HttpCode(201)
  create(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(createNetworkEventSchema)) body: CreateNetworkEvent): Promise<NetworkEventView> {
    return this.networkEvents.create(networkId, body);
  }

  @Get('network-events')
  list(@Param('networkId') networkId: string): Promise<NetworkEventView[]> {
    return this.networkEvents.list(networkId);
  }

  @Get('network-events/:eventId')
  get(@Param('networkId') networkId: string, @Param('eventId') eventId: string): Promise<NetworkEventView> {
    return this.networkEvents.get(networkId, eventId);
  }

  @Patch('network-events/:eventId')
  update(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(updateNetworkEventSchema)) body: UpdateNetworkEvent,
  ): Promise<NetworkEventView> {
    return this.networkEvents.update(networkId, eventId, body);
  }

  @Post('network-events/:eventId/transitions')
  @HttpCode(200)
  transition(
    @Param('networkId') networkId: string,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(networkEventTransitionSchema)) body: NetworkEventTransition,
  ): Promise<NetworkEventView> {
    return this.networkEvents.transition(networkId, eventId, body);
  }

  @Get('network-events/:eventId/registrations')
  registrationsOf(@Param('networkId') networkId: string, @Param('eventId') eventId: string): Promise<RegistrationView[]> {
    return this.registrations.listForEvent(networkId, eventId);
  }

  @Get('public-network-events')
  listPublic(@Param('networkId') networkId: string): Promise<PublicNetworkEventView[]> {
    return this.networkEvents.listPublic(networkId);
  }

  @Get('public-network-events/:eventId')
  getPublic(@Param('networkId') networkId: string, @Param('eventId') eventId: string): Promise<PublicNetworkEventView> {
    return this.networkEvents.getPublic(networkId, eventId);
  }
}
