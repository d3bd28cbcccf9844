import { randomUUID } from 'node:crypto';
import { TRANSACTIONAL_JOB_OPTIONS, type BulkMailJob, type Language, type TransactionalMailJob } from '@hub/contracts';

/** A subscription-confirmation job for one recipient: the smallest real transactional message the tests can queue. */
export function confirmationJob(recipient: string, language: Language, source = randomUUID()): TransactionalMailJob {
  return {
    kind: 'subscription-confirmation',
    source,
    networkId: 'network-1',
    correlationId: randomUUID(),
    recipient,
    language,
    listNames: ['Newsletter'],
    confirmToken: 'token',
    confirmBy: new Date(Date.now() + 86_400_000).toISOString(),
  };
}

/**
 * The job as an addBulk entry, its id derived from its source as delivery's event handlers derive theirs, with the
 * retries delivery's own queue gives every job (a test's Queue object does not have delivery's default options).
 */
export function bulkEntry(job: TransactionalMailJob, idPrefix: string) {
  return { name: job.kind, data: job, opts: { jobId: `${idPrefix}-${job.source}`, ...TRANSACTIONAL_JOB_OPTIONS } };
}

/** One newsletter copy of send `source` for one recipient, as campaigns' fan-out queues it on the bulk queue. */
export function newsletterJob(recipient: string, source: string, networkId = 'network-1'): BulkMailJob {
  return {
    kind: 'newsletter',
    source,
    networkId,
    correlationId: randomUUID(),
    newsletterId: 'newsletter-1',
    contactId: randomUUID(),
    recipient,
    language: 'nb',
    preferencesToken: 'pref token/1',
    unsubscribeToken: 'unsub&token',
  };
}
