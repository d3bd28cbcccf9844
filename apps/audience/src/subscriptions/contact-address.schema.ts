import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * Finds a contact by address through its `_id` (the address's proof hash). FerretDB on SQLite answers only `_id`
 * equality from an index; a query on `email` reads the whole collection (about 1 s per lookup at 10 000
 * contacts, measured), which made subscribe and import slower with every contact. The contact itself remains the
 * truth: this entry is written after it and repaired when missing (see ContactRepository).
 */
@Schema({ collection: 'contact_addresses', versionKey: false })
export class ContactAddress {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ type: String, required: true })
  contactId!: string;
}

export const ContactAddressSchema = SchemaFactory.createForClass(ContactAddress);
