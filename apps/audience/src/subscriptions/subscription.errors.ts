import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class ListNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(listIds: string[]) {
    super(`listIds: no list ${listIds.join(', ')} open for subscription in this network`, 'list_not_found');
  }
}

export class InvalidLinkError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('token: this link is not valid; copy the whole link from the email', 'invalid_link');
  }
}

export class ExpiredLinkError extends DomainError {
  readonly status = HttpStatus.GONE;
  constructor() {
    super('token: this link has expired; subscribe again to get a new one', 'link_expired');
  }
}

/** A newer request replaced this one, or the person unsubscribed since: the old link must not confirm anything. */
export class SupersededLinkError extends DomainError {
  readonly status = HttpStatus.GONE;
  constructor() {
    super('token: this link has been replaced by a newer one; use the latest email', 'link_superseded');
  }
}

/** The link's contact was erased: nothing is left to show or change. */
export class ContactGoneError extends DomainError {
  readonly status = HttpStatus.GONE;
  constructor() {
    super('token: this link no longer works; the address was removed', 'contact_gone');
  }
}

/** Blocked, bounced or complained: only a coordinator can let this address receive mail again. */
export class AddressSuppressedError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('email: this address is on the network’s suppression list and cannot be subscribed', 'address_suppressed');
  }
}
