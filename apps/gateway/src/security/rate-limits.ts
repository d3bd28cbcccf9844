import { ExecutionContext, SetMetadata } from '@nestjs/common';
import { isOperationalPath } from '@hub/http';

const SIGN_UP_LIMITED = 'hub:sign-up-limited';

/**
 * Routes that make the hub send an email to an address a stranger typed (subscribe): a stricter per-IP limit on top
 * of the general one, so the form cannot be used to bomb someone's inbox.
 */
export const SignUpRateLimited = () => SetMetadata(SIGN_UP_LIMITED, true);

export function isSignUpLimited(context: ExecutionContext): boolean {
  return Reflect.getMetadata(SIGN_UP_LIMITED, context.getHandler()) === true;
}

export function isOperationalRequest(context: ExecutionContext): boolean {
  return context.getType() === 'http' && isOperationalPath(context.switchToHttp().getRequest<{ path: string }>().path);
}
