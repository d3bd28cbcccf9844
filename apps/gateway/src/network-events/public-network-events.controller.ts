import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { APP_CONFIG } from '@hub/config';
import { OwnRegistrationView, PublicNetworkEventView, RegisterResponse, RegistrationToken, registrationTokenSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { buildCalendarFeed } from '@hub/mail';
import { Public } from '../auth/auth.decorators';
import type { GatewayConfig } from '../gateway.config';
import { NetworksService } from '../networks/networks.service';
import { isLanguage } from '../pages/page.renderer';
import { SchedulingClient } from '../scheduling/scheduling.client';
import { SignUpRateLimited } from '../security/rate-limits';
import { PublicRegister, publicRegisterSchema } from './network-events.dto';
import { PublicRegistrationRequests } from './public-registration.requests';

/** Published events of a network, registration, and the participant's own registration behind its signed token. */
@Public()
@ApiTags('network events (public)')
@Controller('api/v1')
export class PublicNetworkEventsController {
  private readonly uidDomain: string;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly networks: NetworksService,
    private readonly scheduling: SchedulingClient,
    private readonly requests: PublicRegistrationRequests,
  ) {
    this.uidDomain = new URL(config.PUBLIC_BASE_URL).hostname;
  }

  @Get('networks/:slug/events')
  async list(@Param('slug') slug: string): Promise<{ items: PublicNetworkEventView[] }> {
    const network = await this.networks.publicBySlug(slug);
    return { items: await this.scheduling.publicEvents(network._id) };
  }

  /** The calendar subscription URL of the network's public events, titles in `lang` or the network's language. */
  @Get('networks/:slug/calendar.ics')
  @Header('content-type', 'text/calendar; charset=utf-8')
  async feed(@Param('slug') slug: string, @Query('lang') lang?: string): Promise<string> {
    const network = await this.networks.publicBySlug(slug);
    const language = isLanguage(lang) ? lang : network.defaultLanguage;
    const events = await this.scheduling.publicEvents(network._id);
    return buildCalendarFeed(
      network.name,
      events.map((event) => ({
        uid: `${event.seriesId ?? event.id}@${this.uidDomain}`,
        recurrenceId: event.recurrenceId ? new Date(event.recurrenceId) : null,
        sequence: event.sequence,
        startsAt: new Date(event.startsAt),
        endsAt: new Date(event.endsAt),
        summary: event.title[language] ?? event.title[network.defaultLanguage] ?? Object.values(event.title)[0] ?? '',
        description: event.description[language] ?? event.description[network.defaultLanguage] ?? '',
        location: event.venue ? [event.venue.name, event.venue.address, event.venue.city].filter(Boolean).join(', ') : null,
      })),
    );
  }

  @Get('networks/:slug/events/:eventId')
  async get(@Param('slug') slug: string, @Param('eventId') eventId: string): Promise<PublicNetworkEventView> {
    const network = await this.networks.publicBySlug(slug);
    return this.scheduling.publicEvent(network._id, eventId);
  }

  /** Confirmed or waitlisted; the same address again answers with its existing registration. */
  @Post('networks/:slug/events/:eventId/registrations')
  @SignUpRateLimited()
  @HttpCode(200)
  async register(
    @Param('slug') slug: string,
    @Param('eventId') eventId: string,
    @Body(new ZodValidationPipe(publicRegisterSchema)) body: PublicRegister,
  ): Promise<RegisterResponse> {
    const network = await this.networks.publicBySlug(slug);
    return this.scheduling.register(network._id, eventId, await this.requests.toInternal(network, body));
  }

  /** The personal registration page's data; the token travels in the body, out of access logs. */
  @Post('registrations/lookups')
  @HttpCode(200)
  own(@Body(new ZodValidationPipe(registrationTokenSchema)) body: RegistrationToken): Promise<OwnRegistrationView> {
    return this.scheduling.ownRegistration(body.token);
  }

  @Post('registrations/cancellations')
  @HttpCode(200)
  cancel(@Body(new ZodValidationPipe(registrationTokenSchema)) body: RegistrationToken): Promise<{ outcome: 'cancelled' | 'already-cancelled' }> {
    return this.scheduling.cancelRegistration(body.token);
  }
}
