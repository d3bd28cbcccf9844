import { z } from 'zod';
import { networkEventSnapshotSchema } from '../events/scheduling.events';
import { languageSchema } from '../languages';

/** Queue names; BullMQ forbids ':' in names and ids. */
export const MAIL_QUEUES = { transactional: 'transactional', bulk: 'bulk' } as const;

/**
 * A transactional email job: ids and the few values needed to render, never rendered HTML. One job per recipient
 * message; its id derives from the event that caused it, so the same event enqueued twice is one job.
 */
export const transactionalMailJobSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('subscription-confirmation'),
    source: z.string().min(1),
    networkId: z.string().min(1),
    correlationId: z.string().min(1),
    recipient: z.email(),
    language: languageSchema,
    listNames: z.array(z.string()).min(1),
    confirmToken: z.string().min(1),
    confirmBy: z.iso.datetime(),
  }),
  z.object({
    kind: z.literal('coordinator-invitation'),
    source: z.string().min(1),
    networkId: z.string().min(1),
    correlationId: z.string().min(1),
    recipient: z.email(),
    language: languageSchema,
    networkName: z.string().min(1),
    role: z.enum(['viewer', 'coordinator', 'owner']),
    invitedBy: z.string().min(1),
    acceptToken: z.string().min(1),
    expiresAt: z.iso.datetime(),
  }),
  z.object({
    kind: z.literal('registration-notice'),
    source: z.string().min(1),
    networkId: z.string().min(1),
    correlationId: z.string().min(1),
    recipient: z.email(),
    language: languageSchema,
    notice: z.enum(['confirmed', 'promoted', 'waitlisted', 'cancelled', 'rescheduled', 'event-cancelled', 'reminder']),
    name: z.string().min(1),
    manageToken: z.string().min(1),
    event: networkEventSnapshotSchema,
    joinUrl: z.url().nullable(),
  }),
]);

export type TransactionalMailJob = z.infer<typeof transactionalMailJobSchema>;

/**
 * Options of every transactional job: retries with backoff for 4xx and dropped connections (and a database that is
 * briefly away), kept a day after completion so that the same job id added again is recognised and ignored.
 */
export const TRANSACTIONAL_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1_000, jitter: 0.5 },
  removeOnComplete: { age: 24 * 3600, count: 100_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;
