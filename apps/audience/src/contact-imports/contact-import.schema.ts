import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Schema as MongooseSchema } from 'mongoose';
import type { ContactImportRejection, ContactImportView, CreateContactImport, CsvDelimiter, Language } from '@hub/contracts';

/** One CSV import: its options, then its progress and validation report, updated batch by batch while it runs. */
@Schema({ collection: 'contact_imports', timestamps: true, versionKey: false, minimize: false })
export class ContactImport {
  @Prop({ type: String, required: true })
  _id!: string;

  @Prop({ required: true, index: true })
  networkId!: string;

  @Prop({ type: String, required: true })
  status!: ContactImportView['status'];

  @Prop({ type: [String], required: true })
  listIds!: string[];

  @Prop({ required: true })
  consentBasis!: string;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  columns!: CreateContactImport['columns'];

  @Prop({ type: String, required: true })
  defaultLanguage!: Language;

  /** Asked for at creation, or found in the heading row when the file arrives. */
  @Prop({ type: String, default: null })
  delimiter!: CsvDelimiter | null;

  @Prop({ type: MongooseSchema.Types.Mixed, required: true })
  counts!: Pick<ContactImportView, 'rows' | 'created' | 'updated' | 'duplicates' | 'suppressed' | 'rejectedTotal'>;

  @Prop({ type: [MongooseSchema.Types.Mixed], default: [] })
  rejected!: ContactImportView['rejected'];

  @Prop({ type: String, default: null })
  error!: string | null;
}

export const ContactImportSchema = SchemaFactory.createForClass(ContactImport);

/** The claim of an upload: one per import, so that a second upload of the same import is refused, not run twice. */
@Schema({ collection: 'contact_import_claims', versionKey: false })
export class ContactImportClaim {
  @Prop({ type: String, required: true })
  _id!: string;
}

export const ContactImportClaimSchema = SchemaFactory.createForClass(ContactImportClaim);

export function contactImportView(job: ContactImport): ContactImportView {
  return {
    id: job._id,
    status: job.status,
    listIds: job.listIds,
    consentBasis: job.consentBasis,
    delimiter: job.delimiter ?? null,
    ...job.counts,
    rejected: job.rejected.map(withReasons),
    error: job.error,
  };
}

/** Imports stored before the reason codes kept only the English problems. */
function withReasons(row: ContactImportRejection): ContactImportRejection {
  return row.reasons ? row : { ...row, reasons: row.problems.map((message) => ({ code: 'other', column: null, message })) };
}
