import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

/** Also the answer for another network's list: its existence is not revealed. */
export class MailingListNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(listId: string) {
    super(`listId: no list ${listId} in this network`, 'list_not_found');
  }
}
