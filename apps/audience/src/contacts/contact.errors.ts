import { HttpStatus } from '@nestjs/common';
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
