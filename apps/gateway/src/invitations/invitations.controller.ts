import { Body, Controller, Delete, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ZodValidationPipe } from '@hub/http';
import { describe } from '../auth/auth.controller';
import { CurrentPrincipal, Public, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { SessionCookie } from '../auth/session-cookie';
import { AcceptInvitation, acceptInvitationSchema, CreateInvitation, createInvitationSchema } from './invitations.dto';
import { InvitationsService } from './invitations.service';

@ApiTags('coordinators')
@Controller('api/v1/invitations')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly cookie: SessionCookie,
  ) {}

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
    this.cookie.set(res, session);
    return describe(session);
  }
}
