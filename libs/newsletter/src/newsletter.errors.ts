import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

/** A subject with nothing left once line breaks and control characters are taken out. */
export class InvalidNewsletterSubjectError extends DomainError {
  readonly status = HttpStatus.BAD_REQUEST;
  constructor() {
    super('subject: must contain text', 'invalid_subject');
  }
}

/** The law (and the big mailbox providers) require the sender's postal address in every newsletter. */
export class NewsletterSenderIncompleteError extends DomainError {
  readonly status = HttpStatus.UNPROCESSABLE_ENTITY;
  constructor() {
    super("sender.postalAddress: the network's postal address is required in every newsletter", 'sender_incomplete');
  }
}
