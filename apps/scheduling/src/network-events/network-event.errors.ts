import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class NetworkEventNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('eventId: no such event in this network', 'event_not_found');
  }
}

/** A rule that ties several fields together, found after merging an update into the stored event. */
export class InvalidNetworkEventError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(problems: Array<{ path: string; message: string }>) {
    super(problems.map((problem) => `${problem.path}: ${problem.message}`).join('; '), 'invalid_event');
  }
}

export class NetworkEventStateError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(message: string) {
    super(message, 'event_state');
  }
}

export class RegistrationClosedError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(message: string) {
    super(message, 'registration_closed');
  }
}

export class InvalidAnswersError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor(problems: string[]) {
    super(problems.join('; '), 'invalid_answers');
  }
}

export class UnknownRegistrationError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('registrationId: no such registration for this event', 'registration_not_found');
  }
}

export class InvalidRegistrationLinkError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('token: this link is not valid; copy the whole link from the email', 'invalid_link');
  }
}

export class RegistrationNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('token: this registration no longer exists', 'registration_not_found');
  }
}

export class InvalidRegistrationMoveError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor(message: string) {
    super(message, 'invalid_move');
  }
}

export class MembersOnlyError extends DomainError {
  readonly status = HttpStatus.FORBIDDEN;
  constructor() {
    super('organisationId: this event is for the network’s member organisations; choose your organisation among them', 'members_only');
  }
}
