import { Module } from '@nestjs/common';
import { SourceSummariesController } from './source-summaries.controller';
import { SourceSummaryStore } from './source-summary.store';

@Module({ controllers: [SourceSummariesController], providers: [SourceSummaryStore], exports: [SourceSummaryStore] })
export class SourceSummariesModule {}
