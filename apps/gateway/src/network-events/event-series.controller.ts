import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CreateEventSeries, createEventSeriesSchema, EventSeriesTransition, eventSeriesTransitionSchema, EventSeriesView } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SchedulingClient } from '../scheduling/scheduling.client';

/**
 * Recurring series (RRULE). The occurrences are network events: move or cancel one through
 * /api/v1/network-events/{eventId}, as any event.
 */
@ApiTags('network events')
@Controller('api/v1/event-series')
export class EventSeriesController {
  constructor(private readonly scheduling: SchedulingClient) {}

  /** Creates the series with its occurrences as drafts. */
  @Post()
  @RequireRole('coordinator')
  @HttpCode(201)
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createEventSeriesSchema)) body: CreateEventSeries): Promise<EventSeriesView> {
    return this.scheduling.createSeries(principal.networkId, body);
  }

  @Get(':seriesId')
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal, @Param('seriesId') seriesId: string): Promise<EventSeriesView> {
    return this.scheduling.getSeries(principal.networkId, seriesId);
  }

  /** Publishes every draft occurrence, or cancels every occurrence not yet held. */
  @Post(':seriesId/transitions')
  @RequireRole('coordinator')
  @HttpCode(200)
  transition(
    @CurrentPrincipal() principal: Principal,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(eventSeriesTransitionSchema)) body: EventSeriesTransition,
  ): Promise<EventSeriesView> {
    return this.scheduling.transitionSeries(principal.networkId, seriesId, body);
  }
}
