import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@hub/config';
import { PublicEventSeriesView, SeriesRegistrationResponse } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { buildSeriesCalendar } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import type { GatewayConfig } from '../gateway.config';
import { NetworksService } from '../networks/networks.service';
import { isLanguage } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { SignUpRateLimited } from '../security/rate-limits';
import { PublicRegister, publicRegisterSchema } from './network-events.dto';
import { PublicRegistrationRequests } from './public-registration.requests';

/** A published series: its occurrences, its calendar (RRULE) and registration for all of it. */
@Public()
@ApiTags('network events (public)')
@Controller('api/v1/networks/:slug/series')
export class PublicEventSeriesController {
  private readonly uidDomain: string;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly networks: NetworksService,
    private readonly scheduling: SchedulingClient,
    private readonly requests: PublicRegistrationRequests,
  ) {
    this.uidDomain = new URL(config.PUBLIC_BASE_URL).hostname;
  }

  @Get(':seriesId')
  async get(@Param('slug') slug: string, @Param('seriesId') seriesId: string): Promise<PublicEventSeriesView> {
    const network = await this.networks.publicBySlug(slug);
    return this.scheduling.publicSeries(network._id, seriesId);
  }

  /**
   * The whole series as one recurring calendar entry. Occurrences that are cancelled (or never published) are
   * EXDATEs; moved ones are instances with RECURRENCE-ID. The join link is not in it: it is for confirmed people only.
   */
  @Get(':seriesId/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  async calendar(@Param('slug') slug: string, @Param('seriesId') seriesId: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = isLanguage(lang) ? lang : network.defaultLanguage;
    const series = await this.scheduling.publicSeries(network._id, seriesId);
    const taking = series.occurrences.filter((o) => o.status === 'published' || o.status === 'held');
    const byRecurrence = new Set(series.occurrences.map((o) => o.recurrenceId));
    const duration = series.durationMinutes * 60_000;
    return buildSeriesCalendar({
      uid: `${series.id}@${this.uidDomain}`,
      timeZone: series.timeZone,
      firstStartsAt: series.firstStartsAt,
      durationMinutes: series.durationMinutes,
      rrule: series.calendarRrule,
      summary: series.title[language] ?? series.title[network.defaultLanguage] ?? Object.values(series.title)[0] ?? '',
      description: series.description[language] ?? series.description[network.defaultLanguage] ?? '',
      location: series.venue ? [series.venue.name, series.venue.address, series.venue.city].filter(Boolean).join(', ') : null,
      organiser: series.organiser,
      sequence: Math.max(0, ...series.occurrences.map((o) => o.sequence)),
      excluded: [
        ...series.occurrences.filter((o) => !taking.includes(o)).map((o) => new Date(o.recurrenceId)),
        ...series.excludedStarts.filter((start) => !byRecurrence.has(start)).map((start) => new Date(start)),
      ],
      overrides: taking
        .filter((o) => o.startsAt !== o.recurrenceId || new Date(o.endsAt).getTime() - new Date(o.startsAt).getTime() !== duration)
        .map((o) => ({ recurrenceId: new Date(o.recurrenceId), startsAt: new Date(o.startsAt), endsAt: new Date(o.endsAt), sequence: o.sequence })),
    });
  }

  /** Registers the address for every occurrence still open; each answers confirmed or waitlisted on its own. */
  @Post(':seriesId/registrations')
  @SignUpRateLimited()
  @HttpCode(200)
  async register(
    @Param('slug') slug: string,
    @Param('seriesId') seriesId: string,
    @Body(new ZodValidationPipe(publicRegisterSchema)) body: PublicRegister,
  ): Promise<SeriesRegistrationResponse> {
    const network = await this.networks.publicBySlug(slug);
    return this.scheduling.registerForSeries(network._id, seriesId, await this.requests.toInternal(network, body));
  }
}
