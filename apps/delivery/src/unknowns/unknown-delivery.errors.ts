import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class UnknownDeliveryNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('id: no delivery with an unknown outcome by that id in this network', 'delivery_not_found');
  }
}

/** Rows claimed before the log kept job data cannot be rebuilt into a job. */
export class DeliveryNotResendableError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('id: this delivery did not keep what is needed to send it again', 'delivery_not_resendable');
  }
}
