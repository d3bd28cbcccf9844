import { Injectable, Logger } from '@nestjs/common';
import { parse } from 'csv-parse';
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { ContactImportView, CreateContactImport, emailAddressSchema, Language, languageSchema } from '@hub/contracts';
import type { MailingList } from '../mailing-lists/mailing-list.schema';
import { MailingListRepository } from '../mailing-lists/mailing-list.repository';
import { SuppressionsService } from '../suppressions/suppressions.service';
import { ContactRepository } from '../subscriptions/contact.repository';
import { ListNotFoundError } from '../subscriptions/subscription.errors';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ContactImportNotFoundError, ContactImportStartedError } from './contact-import.errors';
import { ContactImport, contactImportView } from './contact-import.schema';
import { ContactImportRepository } from './contact-import.repository';

const BATCH_SIZE = 200;
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

interface ValidRow {
  line: number;
  email: string;
  name: string | null;
  language: Language;
}

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
  ) {}

  async create(networkId: string, request: CreateContactImport): Promise<ContactImportView> {
    await this.openLists(networkId, request.listIds);
    const job: ContactImport = {
      _id: randomUUID(),
      networkId,
      status: 'waiting',
      ...request,
      listIds: [...new Set(request.listIds)],
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
    const reject = (line: number, problems: string[]) => {
      report.counts.rejectedTotal += 1;
      if (report.rejected.length < MAX_STORED_REJECTIONS) report.rejected.push({ line, problems });
    };
    const seen = new Set<string>();
    try {
      const parser = file.pipe(
        parse({ columns: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, skip_records_with_error: true, info: true }),
      );
      parser.on('skip', (error: { lines?: number; message: string }) => reject(error.lines ?? 0, [`row: ${error.message}`]));
      let batch: ValidRow[] = [];
      for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
        report.counts.rows += 1;
        const row = this.validate(job, record, info.lines);
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
          await this.importBatch(job, lists, batch, report.counts, now);
          batch = [];
          await this.imports.update(importId, { counts: report.counts, rejected: report.rejected });
        }
      }
      if (batch.length > 0) await this.importBatch(job, lists, batch, report.counts, now);
      await this.imports.update(importId, { status: 'done', counts: report.counts, rejected: report.rejected });
    } catch (error) {
      this.logger.warn(`import ${importId} failed: ${(error as Error).message}`);
      // The cause may be storage detail; the coordinator learns where it stopped, the log keeps the rest.
      const message = `the import stopped after ${report.counts.rows} rows; the rows before were imported, so import the rest in a new import`;
      await this.imports.update(importId, { status: 'failed', counts: report.counts, rejected: report.rejected, error: message });
    }
    return this.get(networkId, importId);
  }

  private validate(job: ContactImport, record: Record<string, string>, line: number): ValidRow | { problems: string[] } {
    const problems: string[] = [];
    const email = emailAddressSchema.safeParse(record[job.columns.email] ?? '');
    if (!email.success) problems.push(`${job.columns.email}: must be an email address`);
    const rawLanguage = record[job.columns.language];
    const language = rawLanguage ? languageSchema.safeParse(rawLanguage.toLowerCase()) : { success: true as const, data: job.defaultLanguage };
    if (!language.success) problems.push(`${job.columns.language}: must be one of nb, nn, sv, da, fi, en`);
    const name = record[job.columns.name] ?? '';
    if (name.length > 200) problems.push(`${job.columns.name}: must be at most 200 characters`);
    if (problems.length > 0 || !email.success || !language.success) return { problems };
    return { line, email: email.data, name: name || null, language: language.data };
  }

  /**
   * One batch: suppressed addresses skipped; new people inserted in one bulk write, already confirmed on the single
   * opt-in lists; people already known (or inserted meanwhile by someone else) merged one by one. Few writes run
   * at once: SQLite under FerretDB answers "database is locked" to many concurrent writers.
   */
  private async importBatch(job: ContactImport, lists: MailingList[], rows: ValidRow[], counts: ContactImport['counts'], now: Date): Promise<void> {
    const emails = rows.map((row) => row.email);
    const [suppressed, existing] = await Promise.all([
      this.suppressions.suppressedAmong(job.networkId, emails),
      this.contacts.findByEmails(job.networkId, emails),
    ]);
    const known = new Set(existing.map((contact) => contact.email));
    const single = lists.filter((list) => list.optInMode === 'single').map((list) => list._id);
    const double = lists.filter((list) => list.optInMode !== 'single');
    const optIn = { source: { method: 'import' as const, wordingId: IMPORT_WORDING, ip: null }, basis: job.consentBasis };
    const wanted = rows.filter((row) => !suppressed.has(row.email));
    counts.suppressed += rows.length - wanted.length;

    const fresh = wanted.filter((row) => !known.has(row.email));
    const raced = await this.contacts.insertMany(
      fresh.map((row) => this.subscriptions.newConfirmedContact(job.networkId, row.email, { name: row.name, language: row.language }, single, optIn, now)),
    );
    counts.created += fresh.length - raced.size;
    counts.updated += wanted.length - fresh.length + raced.size;

    const merges = wanted.filter((row) => known.has(row.email) || raced.has(row.email));
    const needsEmail = double.length > 0 ? wanted : [];
    await withConcurrency(new Set([...merges, ...needsEmail]), MERGE_CONCURRENCY, async (row) => {
      const details = { name: row.name, language: row.language };
      let contact = await this.contacts.findOrCreate(job.networkId, row.email, details);
      const direct = single.filter((listId) => contact.subscriptions[listId]?.status !== 'confirmed');
      if (direct.length > 0) {
        await this.subscriptions.optIn(contact, direct, optIn, now);
        contact = (await this.contacts.findById(contact._id)) ?? contact;
      }
      if (double.length > 0) await this.subscriptions.requestDoubleOptIn(contact, double, details, optIn.source, now);
    });
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
