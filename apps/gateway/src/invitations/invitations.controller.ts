import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { APP_CONFIG } from '@hub/config';
import { ZodValidationPipe } from '@hub/http';
import type { GatewayConfig } from '../gateway.config';
import { describe } from '../auth/auth.controller';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SESSION_COOKIE, sessionCookieOptions } from '../auth/session-cookie';
import { AcceptInvitation, acceptInvitationSchema, CreateInvitation, createInvitationSchema } from './invitations.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('coordinators')
@Controller('api/v1/invitations')
export class InvitationsController {
  private readonly secureCookies: boolean;

  constructor(
    @Inject(APP_CONFIG) config: GatewayConfig,
    private readonly invitations: InvitationsService,
  ) {
    this.secureCookies = config.COOKIE_SECURE ?? config.PUBLIC_BASE_URL.startsWith('https:');
  }

  @Post()
  @RequireRole('owner')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createInvitationSchema)) body: CreateInvitation) {
    return this.invitations.invite(principal, body);
  }

  @Get()
  @RequireRole('owner')
  list(@CurrentPrincipal() principal: Principal) {
    return this.invitations.list(principal);
  }

  @Delete(':id')
  @RequireRole('owner')
  @HttpCode(204)
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.invitations.revoke(principal, id);
  }

  /** The invited person's side: creates or extends the account and signs in. */
  @Post('accept')
  @Public()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @HttpCode(200)
  async accept(@Body(new ZodValidationPipe(acceptInvitationSchema)) body: AcceptInvitation, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.invitations.accept(body, req.ip ?? null);
    res.cookie(SESSION_COOKIE, session.cookieValue, sessionCookieOptions(this.secureCookies, session.expiresAt));
    return describe(session);
  }
}
