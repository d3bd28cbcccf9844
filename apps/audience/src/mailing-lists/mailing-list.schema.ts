import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Language, MailingListView } from '@hub/contracts';

@Schema({ collection: 'mailing_lists', timestamps: true, versionKey: false, minimize: false })
export class MailingList {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  /** Name per offered language. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  names!: Partial<Record<Language, string>>;

  @Prop({ type: MongooseSchema.Types.Mixed, default: {} })
  descriptions?: Partial<Record<Language, string>>;

  @Prop({ required: true, default: false })
  isPublic!: boolean;

  @Prop({ type: String, default: 'double' })
  optInMode?: 'double' | 'single';

  @Prop({ type: String, default: 'en' })
  defaultLanguage?: Language;

  /** Archived lists take no new subscribers and leave the public page; their subscriptions stay for the record. */
  @Prop({ type: Date, default: null })
  archivedAt?: Date | null;
}

export const MailingListSchema = SchemaFactory.createForClass(MailingList);

/** The list's name in the reader's language, or any name it has. */
export function listNameIn(list: MailingList, language: Language): string {
  return list.names[language] ?? list.names.en ?? Object.values(list.names)[0] ?? list._id;
}

export function mailingListView(list: MailingList): MailingListView {
  return {
    id: list._id,
    names: list.names,
    descriptions: list.descriptions ?? {},
    isPublic: list.isPublic,
    optInMode: list.optInMode ?? 'double',
    defaultLanguage: list.defaultLanguage ?? 'en',
    archived: Boolean(list.archivedAt),
  };
}
