import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import {
  CreateEventSeries,
  createEventSeriesSchema,
  EventSeriesTransition,
  eventSeriesTransitionSchema,
  EventSeriesUpdateResult,
  EventSeriesView,
  PublicEventSeriesView,
  RegisterRequest,
  registerRequestSchema,
  SeriesRegistrationResponse,
  UpdateEventSeries,
  updateEventSeriesSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { EventSeriesService } from './event-series.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId')
export class EventSeriesController {
  constructor(private readonly series: EventSeriesService) {}

  @Post('event-series')
  @HttpCode(201)
  create(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(createEventSeriesSchema)) body: CreateEventSeries): Promise<EventSeriesView> {
    return this.series.create(networkId, body);
  }

  @Get('event-series/:seriesId')
  get(@Param('networkId') networkId: string, @Param('seriesId') seriesId: string): Promise<EventSeriesView> {
    return this.series.get(networkId, seriesId);
  }

  @Patch('event-series/:seriesId')
  update(
    @Param('networkId') networkId: string,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(updateEventSeriesSchema)) body: UpdateEventSeries,
  ): Promise<EventSeriesUpdateResult> {
    return this.series.update(networkId, seriesId, body);
  }

  @Post('event-series/:seriesId/transitions')
  @HttpCode(200)
  transition(
    @Param('networkId') networkId: string,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(eventSeriesTransitionSchema)) body: EventSeriesTransition,
  ): Promise<EventSeriesView> {
    return this.series.transition(networkId, seriesId, body);
  }

  @Post('event-series/:seriesId/registrations')
  @HttpCode(200)
  register(
    @Param('networkId') networkId: string,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(registerRequestSchema)) body: RegisterRequest,
  ): Promise<SeriesRegistrationResponse> {
    return this.series.register(networkId, seriesId, body);
  }

  @Get('public-event-series/:seriesId')
  getPublic(@Param('networkId') networkId: string, @Param('seriesId') seriesId: string): Promise<PublicEventSeriesView> {
    return this.series.getPublic(networkId, seriesId);
  }
}
