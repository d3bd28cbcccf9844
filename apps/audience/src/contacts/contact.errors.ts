import { HttpStatus } from '@nestjs/common';
import { CONTACT_ATTRIBUTES_MAX } from '@hub/contracts';
import { DomainError } from '@hub/http';

/** Also the answer for another network's contact: its existence is not revealed. */
export class ContactNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(contactId: string) {
    super(`contactId: no contact ${contactId} in this network`, 'contact_not_found');
  }
}

export class NotBlockedError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('contactId: this contact is not blocked; only a block can be lifted here', 'not_blocked');
  }
}

export class TooManyAttributesError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super(`attributes: a contact has at most ${CONTACT_ATTRIBUTES_MAX} attributes; remove some (set them to null) first`, 'too_many_attributes');
  }
}
