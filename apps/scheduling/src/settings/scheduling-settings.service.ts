import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { DEFAULT_REMINDER_OFFSETS, DEFAULT_RETENTION_DAYS, programmeSettingsSchema, SchedulingSettings, UpdateSchedulingSettings } from '@hub/contracts';
import { retryWhileBusy } from '@hub/persistence';
import { SchedulingSettingsDocument } from './scheduling-settings.schema';

export const DEFAULT_SCHEDULING_SETTINGS: SchedulingSettings = {
  reminderOffsets: [...DEFAULT_REMINDER_OFFSETS],
  retentionDays: DEFAULT_RETENTION_DAYS,
  planner: programmeSettingsSchema.parse({}),
};

/** Per-network settings, read by `_id` (the one lookup FerretDB indexes); a setting never changed is the default. */
@Injectable()
export class SchedulingSettingsService {
  constructor(@InjectModel(SchedulingSettingsDocument.name) private readonly model: Model<SchedulingSettingsDocument>) {}

  async get(networkId: string): Promise<SchedulingSettings> {
    const stored = await this.model.findById(networkId).lean<SchedulingSettingsDocument>().exec();
    return {
      reminderOffsets: stored?.reminderOffsets ?? DEFAULT_SCHEDULING_SETTINGS.reminderOffsets,
      retentionDays: stored?.retentionDays ?? DEFAULT_SCHEDULING_SETTINGS.retentionDays,
      planner: stored?.planner ?? DEFAULT_SCHEDULING_SETTINGS.planner,
    };
  }

  /** The whole document is written, so a setting is never half-changed; two coordinators saving at once: last wins. */
  async update(networkId: string, change: UpdateSchedulingSettings): Promise<SchedulingSettings> {
    const next = { ...(await this.get(networkId)), ...change };
    await retryWhileBusy(() => this.model.updateOne({ _id: networkId }, { $set: next }, { upsert: true }).exec());
    return next;
  }
}
