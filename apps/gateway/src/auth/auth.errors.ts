import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

/** One answer for unknown address and wrong password, so sign-in reveals nobody. */
export class InvalidCredentialsError extends DomainError {
  readonly status = HttpStatus.UNAUTHORIZED;
  constructor() {
    super('email or password is wrong', 'invalid_credentials');
  }
}

export class TooManyAttemptsError extends DomainError {
  readonly status = HttpStatus.TOO_MANY_REQUESTS;
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`, 'too_many_attempts');
  }
}

export class NotAMemberOfNetworkError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('network: you hold no role in such a network', 'network_not_found');
  }
}

export class NoRoleError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('this account holds no role in any network', 'no_role');
  }
}
