import { randomUUID } from 'node:crypto';
import type { Collection, Model } from 'mongoose';
import type { EventEnvelope } from '@hub/contracts';

/** The collection of outbox batches, one per service database (beside the collections whose inserts they announce). */
export const OUTBOX_BATCHES = 'outbox_batches';

/** A value a document holds once the write an entry announces has landed (dates as their ISO text). */
export type LandedValue = string | number | boolean | null;

/** The events of one document of a batch write: a new document, or (with `landed`) an update of an existing one. */
export interface OutboxBatchEntry {
  documentId: unknown;
  events: EventEnvelope[];
  /**
   * For an update: fields the document holds once the update landed, and did not before. When the writer cannot say
   * which writes landed (it failed, or died), an entry's events are published only if its document holds these;
   * without them, if the document exists (an insert). Name fields no later write changes (a final status).
   */
  landed?: Record<string, LandedValue>;
}

/**
 * The events of many documents' writes, stored before those writes: publishing them then costs a share of one delete
 * of this document, where events in each document's own outbox cost an update of each (on FerretDB about a third of a
 * 100 000-row import's database time, and half of its time while delivery sends, measured). An event is published
 * only for a write that landed: an insert can refuse some documents (a unique key taken meanwhile), and a write can
 * stop half-way.
 */
export interface OutboxBatchDocument {
  _id: string;
  /** The collection the documents go to. */
  collection: string;
  /**
   * The entries as JSON text, which is what Kafka gets of each event anyway: FerretDB stores and reads one string
   * six times faster than the same entries as nested documents (1 000 entries: insert 21 against 131 ms, delete 19
   * against 177 ms, measured).
   */
  entries: string;
  createdAt: Date;
}

/** What the writer holds between storing the batch and inserting its documents. */
export interface OutboxBatch {
  readonly id: string;
  readonly model: Model<any>;
  /** Dropped from memory when the relay holds too many events; read again from the batch document then. */
  entries: OutboxBatchEntry[] | null;
  /** The ids of the documents whose writes landed; null while they run, or when they failed and which did is unknown. */
  stored: Set<unknown> | null;
}

export function outboxBatchesOf(model: Model<any>): Collection<OutboxBatchDocument> {
  return model.db.collection<OutboxBatchDocument>(OUTBOX_BATCHES);
}

export function newOutboxBatch(model: Model<any>, entries: OutboxBatchEntry[], now = new Date()): { batch: OutboxBatch; document: OutboxBatchDocument } {
  const id = randomUUID();
  return { batch: { id, model, entries, stored: null }, document: { _id: id, collection: model.collection.collectionName, entries: JSON.stringify(entries), createdAt: now } };
}

export function entriesOf(document: Pick<OutboxBatchDocument, 'entries'> | null): OutboxBatchEntry[] {
  return document ? (JSON.parse(document.entries) as OutboxBatchEntry[]) : [];
}
