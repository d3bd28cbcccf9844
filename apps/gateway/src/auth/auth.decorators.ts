import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Principal } from './principal';
import type { Role } from './role';

export const PUBLIC_ROUTE = 'hub:public-route';
export const REQUIRED_ROLE = 'hub:required-role';

/** Reachable without signing in: public pages, the public API, sign-in itself. Every other route needs a role. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The least role in the caller's current network that may use this route (owner > coordinator > viewer). */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

export interface AuthenticatedRequest extends Request {
  principal?: Principal;
}

/** The authenticated caller; only on routes with @RequireRole. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without @RequireRole');
  return principal;
});
