import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Repository, retryWhileBusy, scopedToNetwork } from '@hub/persistence';
import { EventSeries } from './event-series.schema';

@Injectable()
export class EventSeriesRepository extends Repository<EventSeries> {
  constructor(@InjectModel(EventSeries.name) model: Model<EventSeries>) {
    super(model);
  }

  async create(series: EventSeries): Promise<void> {
    await retryWhileBusy(() => this.model.create(series));
  }

  async update(id: string, set: Partial<EventSeries>): Promise<void> {
    await retryWhileBusy(() => this.model.updateOne({ _id: id }, { $set: set }).exec());
  }

  findInNetwork(networkId: string, id: string): Promise<EventSeries | null> {
    return this.model.findOne(scopedToNetwork(networkId, { _id: id })).lean<EventSeries>().exec();
  }
}
