import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

/** Also the answer for another network's import. */
export class ContactImportNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor(importId: string) {
    super(`importId: no import ${importId} in this network`, 'import_not_found');
  }
}

export class ContactImportStartedError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('importId: this import already has its file; create a new import for another file', 'import_started');
  }
}
