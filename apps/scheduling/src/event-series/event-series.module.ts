import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { NetworkEventsModule } from '../network-events/network-events.module';
import { EventSeriesController } from './event-series.controller';
import { EventSeriesRepository } from './event-series.repository';
import { EventSeries, EventSeriesSchema } from './event-series.schema';
import { EventSeriesService } from './event-series.service';

/** Recurring series (RRULE) whose occurrences are network events of their own. */
@Module({
  imports: [MongooseModule.forFeature([{ name: EventSeries.name, schema: EventSeriesSchema }]), NetworkEventsModule],
  controllers: [EventSeriesController],
  providers: [EventSeriesRepository, EventSeriesService],
})
export class EventSeriesModule {}
