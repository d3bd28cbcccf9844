import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { isOperationalPath } from '@hub/http';
import { AuthenticatedRequest, PUBLIC_ROUTE, REQUIRED_ROLE } from './auth.decorators';
import { AuthService } from './auth.service';
import { SESSION_COOKIE } from './session-cookie';
import { hasAtLeast, Role } from './role';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** The hidden field console forms carry the session's CSRF token in, since a form cannot set a header. */
export const CSRF_FORM_FIELD = '_csrf';

/**
 * Only from a form body: urlencoded, or multipart where a middleware read it before the guards (the console's CSV
 * upload, see ContactImportUploadMiddleware). JSON clients send the header, as before.
 */
function formCsrfToken(request: AuthenticatedRequest): string | undefined {
  if (!request.is('application/x-www-form-urlencoded') && !request.is('multipart/form-data')) return undefined;
  const value = (request.body as Record<string, unknown> | undefined)?.[CSRF_FORM_FIELD];
  return typeof value === 'string' ? value : undefined;
}

/**
 * Global in the gateway, deny by default: a route is reachable only if it is marked @Public() or names the least role
 * it needs with @RequireRole(). 401 without valid credentials, 403 with a role too small for the route. Which
 * network a request acts in comes from the credentials alone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (isOperationalPath(request.path)) return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const authorization = request.headers.authorization;
    const principal = await this.auth.authenticate({
      sessionCookie: (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE],
      bearer: authorization?.startsWith('Bearer ') ? authorization.slice(7).trim() : undefined,
      csrfHeader: (request.headers['x-csrf-token'] as string | undefined) ?? formCsrfToken(request),
      unsafeMethod: !SAFE_METHODS.has(request.method),
    });
    if (!principal) throw new UnauthorizedException('sign in (with x-csrf-token on changes), or send an API key as a Bearer token');
    const required = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, targets);
    if (!required) throw new ForbiddenException('this route declares no role');
    if (!hasAtLeast(principal.role, required)) throw new ForbiddenException(`this needs the ${required} role`);
    request.principal = principal;
    return true;
  }
}
