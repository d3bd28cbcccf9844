import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class InvitationNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('invitation: no such open invitation', 'invitation_not_found');
  }
}

/** Unknown, expired, revoked or already used: one answer, so a guessed link learns nothing. */
export class InvitationLinkInvalidError extends DomainError {
  readonly status = HttpStatus.GONE;
  constructor() {
    super('token: this invitation link is not valid any more; ask for a new invitation', 'invitation_link_invalid');
  }
}

export class PasswordRequiredError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('password: choose a password of at least 12 characters (and give your name) to create your account', 'password_required');
  }
}
