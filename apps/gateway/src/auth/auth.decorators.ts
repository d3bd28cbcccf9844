import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtension } from '@nestjs/swagger';
import type { Request } from 'express';
import type { Principal } from './principal';
import type { Role } from './role';

export const PUBLIC_ROUTE = 'hub:public-route';
export const REQUIRED_ROLE = 'hub:required-role';

/** Reachable without signing in: public pages, the public API, sign-in itself. Every other route needs a role. */
export const Public = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension('x-public', true));

/** The least role in the caller's current network that may use this route (owner > coordinator > viewer). */
export const RequireRole = (role: Role) =>
  // The OpenAPI extension lets the isolation test walk every protected operation with the right expectations.
  applyDecorators(SetMetadata(REQUIRED_ROLE, role), ApiExtension('x-required-role', role), ApiCookieAuth('session'), ApiBearerAuth('api-key'));

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The authenticated caller; only on routes with @RequireRole. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @RequireRole');
  return principal;
});
