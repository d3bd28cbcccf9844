import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { EventQuestion, Language, NetworkEventKind, Venue } from '@hub/contracts';

/**
 * A recurring series (e.g. a webinar every second Tuesday). Each occurrence is a NetworkEvent of its own, with
 * `seriesId` and `recurrenceId`, so seats, the waitlist, reminders, moves and cancellations work per occurrence
 * exactly as for a single event. This document holds what the calendar's RRULE needs.
 */
@Schema({ collection: 'network_event_series', timestamps: true, versionKey: false, minimize: false })
export class EventSeries {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  networkId!: string;

  @Prop({ type: String, required: true })
  kind!: NetworkEventKind;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  title!: Partial<Record<Language, string>>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  description!: Partial<Record<Language, string>>;

  @Prop({ required: true })
  timeZone!: string;

  /** Local wall time of the first occurrence, "2027-03-16T10:00". */
  @Prop({ required: true })
  firstStartsAt!: string;

  @Prop({ required: true })
  durationMinutes!: number;

  /** The local time of day of the occurrences once changed for the whole series; until then firstStartsAt's. */
  @Prop({ type: String })
  startTime?: string;

  @Prop({ required: true })
  rrule!: string;

  @Prop({ required: true })
  calendarRrule!: string;

  /** Local dates the rule gives that the series skips. */
  @Prop({ type: [String], default: [] })
  exceptions!: string[];

  /** The instants of those skipped dates: EXDATEs. */
  @Prop({ type: [Date], default: [] })
  excludedStarts!: Date[];

  @Prop({ type: MongooseSchema.Types.Mixed, default: null })
  venue!: Venue | null;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  organiser!: { name: string; email: string };

  /*
   * The rest of what the occurrences share. A series made before these were kept has none: its occurrences' most
   * common value stands in (see seriesBaseline).
   */
  @Prop({ type: String })
  joinUrl?: string | null;

  @Prop({ type: Number })
  capacity?: number;

  @Prop({ type: String })
  visibility?: 'public' | 'members';

  @Prop({ type: Boolean })
  approvalRequired?: boolean;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: undefined })
  questions?: EventQuestion[];
}

export const EventSeriesSchema = SchemaFactory.createForClass(EventSeries);
