import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { Language } from '@hub/contracts';

@Schema({ collection: 'mailing_lists', timestamps: true, versionKey: false })
export class MailingList {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  /** Name per offered language. */
  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  names!: Partial<Record<Language, string>>;

  @Prop({ required: true, default: false })
  isPublic!: boolean;
}

export const MailingListSchema = SchemaFactory.createForClass(MailingList);

/** The list's name in the reader's language, or any name it has. */
export function listNameIn(list: MailingList, language: Language): string {
  return list.names[language] ?? list.names.en ?? Object.values(list.names)[0] ?? list._id;
}
