import { randomUUID } from 'node:crypto';
import type { Language, TransactionalMailJob } from '@hub/contracts';

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

/** The job as an addBulk entry, its id derived from its source as delivery's event handlers derive theirs. */
export function bulkEntry(job: TransactionalMailJob, idPrefix: string) {
  return { name: job.kind, data: job, opts: { jobId: `${idPrefix}-${job.source}` } };
}
