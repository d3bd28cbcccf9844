import { Controller, Get, Param } from '@nestjs/common';
import type { DeliverySummary } from '@hub/contracts';
import { SourceSummaryStore } from './source-summary.store';

/** Internal: how far a source (a newsletter send) has got; campaigns polls this for its progress figures. */
@Controller('internal/sources')
export class SourceSummariesController {
  constructor(private readonly summaries: SourceSummaryStore) {}

  @Get(':source/summary')
  summary(@Param('source') source: string): Promise<DeliverySummary> {
    return this.summaries.summary(source);
  }
}
