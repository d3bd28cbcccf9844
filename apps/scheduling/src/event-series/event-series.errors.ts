import { HttpStatus } from '@nestjs/common';
import { DomainError } from '@hub/http';

export class EventSeriesNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('seriesId: no such series in this network', 'series_not_found');
  }
}
