import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  CreateEventSeries,
  createEventSeriesSchema,
  EventSeriesTransition,
  eventSeriesTransitionSchema,
  EventSeriesUpdateResult,
  EventSeriesView,
  UpdateEventSeries,
  updateEventSeriesSchema,
} from '@hub/contracts';
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

  /**
   * Changes the whole series: every occurrence that has not started (and is not cancelled or held) takes the change,
   * except in the fields it changed on its own. A new length is announced to participants as a reschedule, one email
   * per occurrence, each with that occurrence's invite. A change some occurrence cannot take is refused whole (400).
   */
  @Patch(':seriesId')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(updateEventSeriesSchema)) body: UpdateEventSeries,
  ): Promise<EventSeriesUpdateResult> {
    return this.scheduling.updateSeries(principal.networkId, seriesId, body);
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
