import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export const COUNTRIES = ['NO', 'SE', 'DK', 'FI'] as const;
export type Country = (typeof COUNTRIES)[number];

export const ORGANISATION_KINDS = ['municipality', 'county', 'region', 'other'] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

/**
 * A municipality, county, region or other body. It belongs to no network: each network it takes part in has a
 * membership pointing at it, so Malmö is one organisation whichever networks it is in.
 */
@Schema({ collection: 'organisations', timestamps: true, versionKey: false })
export class Organisation {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true })
  name!: string;

  @Prop({ type: String, required: true, enum: ORGANISATION_KINDS })
  kind!: OrganisationKind;

  /** The organisation's own country, whatever the country of the networks it is in. */
  @Prop({ type: String, required: true, enum: COUNTRIES })
  country!: Country;

  /** A string, because codes keep their leading zero (0301 Oslo, 0180 Stockholm); see official-code.ts. */
  @Prop({ type: String, default: null })
  officialCode!: string | null;

  @Prop({ type: Number, default: null })
  inhabitants!: number | null;

  /** The name as searches compare it (see search-name.ts); kept in step with name by the repository. */
  @Prop({ required: true })
  searchName!: string;

  /** The unique key of the official code (see codeKeyOf); kept in step by the repository. */
  @Prop({ required: true })
  codeKey!: string;
}

export const OrganisationSchema = SchemaFactory.createForClass(Organisation);
// One organisation per official code: two coordinators adding the same municipality race on this index.
OrganisationSchema.index({ codeKey: 1 }, { unique: true });
OrganisationSchema.index({ officialCode: 1 });
