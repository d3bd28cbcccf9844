import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import { pipeline, type Readable } from 'node:stream';
import {
  CONTACT_ATTRIBUTES_MAX,
  ContactImportView,
  CreateContactImport,
} from '@hub/contracts';
import { CSV_READ_OPTIONS, CsvEncodingError, openCsvText } from '@hub/http';
import type { MailingList } from '../mailing-lists/mailing-list.schema';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactChange, ContactRepository } from '../subscriptions/contact.repository';
import type { Contact } from '../subscriptions/contact.schema';
import { ListNotFoundError } from '../subscriptions/subscription.errors';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ProofHashes } from '../consent/proof-hashes';
import { SuppressedAddressesReader } from './suppressed-addresses.reader';
import { ContactImportNotFoundError, ContactImportStartedError } from './contact-import.errors';
import { ContactImport, contactImportView } from './contact-import.schema';
import { ContactImportRepository } from './contact-import.repository';
import { ImportReason, validateRow, ValidRow } from './contact-import-rows';

/** Rows per page: each page costs one insert of contacts and one of address entries, whatever its size. */
const BATCH_SIZE = 1_000;
const MAX_STORED_REJECTIONS = 10_000;
const IMPORT_WORDING = 'import/v1';
const MERGE_CONCURRENCY = 4;

/** Runs `work` over the items with at most `concurrency` at a time. */
async function withConcurrency<T>(items: Iterable<T>, concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(
    Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
    }),
  );
}

type Reject = (line: number, reasons: ImportReason[]) => void;

/**
 * CSV import, streamed: the file is parsed as it arrives and handled in batches, so memory stays flat whatever its
 * size, and the import's document shows the progress after every batch. Lists in single opt-in mode are confirmed
 * on the stated consent basis; the others get a double opt-in email, as for a coordinator's entry.
 */
@Injectable()
export class ContactImportsService {
  private readonly logger = new Logger(ContactImportsService.name);

  constructor(
    private readonly imports: ContactImportRepository,
    private readonly contacts: ContactRepository,
    private readonly lists: MailingListRepository,
    private readonly subscriptions: SubscriptionsService,
    private readonly suppressions: SuppressionsService,
    private readonly suppressedAddresses: SuppressedAddressesReader,
    private readonly hashes: ProofHashes,
  ) {}

  async create(networkId: string, request: CreateContactImport): Promise<ContactImportView> {
    await this.openLists(networkId, request.listIds);
    const job: ContactImport = {
      _id: randomUUID(),
      networkId,
      status: 'waiting',
      ...request,
      listIds: [...new Set(request.listIds)],
      delimiter: request.delimiter ?? null,
      counts: { rows: 0, created: 0, updated: 0, duplicates: 0, suppressed: 0, rejectedTotal: 0 },
      rejected: [],
      error: null,
    };
    await this.imports.create(job);
    return contactImportView(job);
  }

  async get(networkId: string, importId: string): Promise<ContactImportView> {
    return contactImportView(await this.find(networkId, importId));
  }

  async run(networkId: string, importId: string, file: Readable, now = new Date()): Promise<ContactImportView> {
    const job = await this.find(networkId, importId);
    if (job.status !== 'waiting' || !(await this.imports.claim(importId))) throw new ContactImportStartedError();
    const lists = await this.openLists(networkId, job.listIds);
    await this.imports.update(importId, { status: 'running' });
    const report = { counts: { ...job.counts }, rejected: [] as ContactImportView['rejected'] };
    const reject: Reject = (line, reasons) => {
      report.counts.rejectedTotal += 1;
      if (report.rejected.length < MAX_STORED_REJECTIONS) report.rejected.push({ line, problems: reasons.map((reason) => reason.message), reasons });
    };
    const seen = new Set<string>();
    try {
      const { delimiter, text } = await openCsvText(file, job.delimiter ?? undefined);
      if (delimiter !== job.delimiter) await this.imports.update(importId, { delimiter });
      // pipeline, not pipe: an encoding error in the text must end the reading below, not leave it waiting.
      const parser = pipeline(text, parse({ ...CSV_READ_OPTIONS, delimiter, columns: true, info: true }), () => undefined);
      parser.on('skip', (error: { lines?: number; message: string }) => reject(error.lines ?? 0, [{ code: 'row-unreadable', column: null, message: `row: ${error.message}` }]));
      let batch: ValidRow[] = [];
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        report.counts.rows += 1;
        const row = validateRow(job, record, info.lines);
        if ('problems' in row) {
          reject(info.lines, row.problems);
          continue;
        }
        if (seen.has(row.email)) {
          report.counts.duplicates += 1;
          continue;
        }
        seen.add(row.email);
        batch.push(row);
        if (batch.length >= BATCH_SIZE) {
          await this.importBatch(job, lists, batch, report.counts, reject, now);
          batch = [];
          await this.imports.update(importId, { counts: report.counts, rejected: report.rejected });
        }
      }
      if (batch.length > 0) await this.importBatch(job, lists, batch, report.counts, reject, now);
      await this.imports.update(importId, { status: 'done', counts: report.counts, rejected: report.rejected });
    } catch (error) {
      this.logger.warn(`import ${importId} failed: ${(error as Error).message}`);
      // The cause may be storage detail; the coordinator learns where it stopped, the log keeps the rest.
      const stopped = `the import stopped after ${report.counts.rows} rows; the rows before were imported, so import the rest in a new import`;
      const message = error instanceof CsvEncodingError ? `${error.message}; ${stopped}` : stopped;
      await this.imports.update(importId, { status: 'failed', counts: report.counts, rejected: report.rejected, error: message });
    }
    return this.get(networkId, importId);
  }

  /**
   * One batch: suppressed addresses skipped; new people inserted in one bulk write, already confirmed on the single
   * opt-in lists; people already known (or inserted meanwhile by someone else) merged one by one. Few writes run
   * at once: SQLite under FerretDB answers "database is locked" to many concurrent writers.
   */
  private async importBatch(job: ContactImport, lists: MailingList[], rows: ValidRow[], counts: ContactImport['counts'], reject: Reject, now: Date): Promise<void> {
    // Read per page, so that an address suppressed while the import runs is skipped from the next page on.
    const suppressed = await this.suppressedAddresses.hashesOf(job.networkId);
    const single = lists.filter((list) => list.optInMode === 'single').map((list) => list._id);
    const double = lists.filter((list) => list.optInMode !== 'single');
    const optIn = { source: { method: 'import' as const, wordingId: IMPORT_WORDING, ip: null }, basis: job.consentBasis };
    const wanted = rows.filter((row) => !suppressed.has(this.hashes.address(job.networkId, row.email)));
    counts.suppressed += rows.length - wanted.length;

    // Inserted first, without looking the addresses up: the unique (network, address) index refuses the known ones,
    // which are then merged one by one. New people, the common case, cost one round trip per page.
    const known = await this.contacts.insertMany(
      wanted.map((row) =>
        this.subscriptions.newConfirmedContact(
          job.networkId,
          row.email,
          { name: row.name, language: row.language, organisationId: row.organisationId, role: row.role, attributes: row.attributes },
          single,
          optIn,
          now,
        ),
      ),
      now,
    );
    counts.created += wanted.length - known.size;
    counts.updated += known.size;

    const merges = new Set(wanted.filter((row) => known.has(row.email)));
    const needsEmail = double.length > 0 ? wanted : [];
    await withConcurrency(new Set([...merges, ...needsEmail]), MERGE_CONCURRENCY, async (row) => {
      const details = { name: row.name, language: row.language };
      let contact = await this.contacts.findOrCreate(job.networkId, row.email, details);
      if (merges.has(row)) {
        // Suppressed since this page's read: skipped, as the page's check would have.
        if (await this.suppressions.reasonFor(job.networkId, row.email)) return;
        await this.mergeProfile(contact, row, reject);
      }
      const direct = single.filter((listId) => contact.subscriptions[listId]?.status !== 'confirmed');
      if (direct.length > 0) {
        await this.subscriptions.optIn(contact, direct, optIn, now);
        contact = (await this.contacts.findById(contact._id)) ?? contact;
      }
      if (double.length > 0) await this.subscriptions.requestDoubleOptIn(contact, double, details, optIn.source, now);
    });
  }

  /** The row's profile cells over the known contact's: filled cells win, empty ones keep what is there. */
  private async mergeProfile(contact: Contact, row: ValidRow, reject: Reject): Promise<void> {
    const set: ContactChange['set'] = {};
    if (row.organisationId) set.organisationId = row.organisationId;
    if (row.role) set.role = row.role;
    if (Object.keys(row.attributes).length > 0) {
      const attributes = { ...contact.attributes, ...row.attributes };
      if (Object.keys(attributes).length <= CONTACT_ATTRIBUTES_MAX) set.attributes = attributes;
      else
        reject(row.line, [
          {
            code: 'attributes-too-many',
            column: null,
            message: `attributes: the contact would have more than ${CONTACT_ATTRIBUTES_MAX} attributes; they were left as they were, the rest of the row was imported`,
          },
        ]);
    }
    if (Object.keys(set).length > 0) await this.contacts.apply(contact._id, { set });
  }

  private async openLists(networkId: string, listIds: string[]): Promise<MailingList[]> {
    const ids = [...new Set(listIds)];
    const lists = (await this.lists.findByIds(networkId, ids)).filter((list) => !list.archivedAt);
    if (lists.length !== ids.length) {
      const found = new Set(lists.map((list) => list._id));
      throw new ListNotFoundError(ids.filter((id) => !found.has(id)));
    }
    return lists;
  }

  private async find(networkId: string, importId: string): Promise<ContactImport> {
    const job = await this.imports.findOne(networkId, importId);
    if (!job) throw new ContactImportNotFoundError(importId);
    return job;
  }
}
