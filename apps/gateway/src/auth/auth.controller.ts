import { Body, Controller, Get, HttpCode, Post, Put, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { ZodValidationPipe } from '@hub/http';
import { CoordinatorAccountRepository } from '../coordinators/coordinator-account.repository';
import { CurrentPrincipal, Public, RequireRole } from './auth.decorators';
import { SignIn, signInSchema, SwitchNetwork, switchNetworkSchema } from './auth.dto';
import { AuthService, StartedSession } from './auth.service';
import type { Principal } from './principal';
import { SessionCookie } from './session-cookie';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: CoordinatorAccountRepository,
    private readonly cookie: SessionCookie,
  ) {}

  /** Sets the session cookie; the answer carries the CSRF token the console sends back on every change. */
  @Post('sign-in')
  @Public()
  @Throttle({ default: { limit: 20, ttl: 60_000 } })
  @HttpCode(200)
  async signIn(@Body(new ZodValidationPipe(signInSchema)) body: SignIn, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const session = await this.auth.signIn(body.email, body.password, req.ip ?? 'unknown', body.networkId);
    this.cookie.set(res, session);
    return describe(session);
  }

  @Post('sign-out')
  @RequireRole('viewer')
  @HttpCode(204)
  async signOut(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(principal);
    this.cookie.clear(res);
  }

  @Get('session')
  @RequireRole('viewer')
  async session(@CurrentPrincipal() principal: Principal) {
    if (principal.kind === 'api-key') return { kind: principal.kind, networkId: principal.networkId, role: principal.role, name: principal.name };
    const account = await this.accounts.findById(principal.accountId);
    return {
      kind: principal.kind,
      account: { id: principal.accountId, email: principal.email, name: account?.name },
      network: { id: principal.networkId, role: principal.role },
      networks: Object.entries(account?.roles ?? {}).map(([id, role]) => ({ id, role })),
    };
  }

  @Put('network')
  @RequireRole('viewer')
  @HttpCode(204)
  async switchNetwork(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(switchNetworkSchema)) body: SwitchNetwork): Promise<void> {
    await this.auth.switchNetwork(principal, body.networkId);
  }
}

export function describe(session: StartedSession) {
  return {
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
    account: { id: session.account._id, email: session.account.email, name: session.account.name },
    network: { id: session.networkId, role: session.account.roles[session.networkId] },
    networks: Object.entries(session.account.roles).map(([id, role]) => ({ id, role })),
  };
}
