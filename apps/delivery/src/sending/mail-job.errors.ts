import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { storageUnavailableReason } from '@hub/persistence';
import { SmtpSendError } from '../smtp/smtp.transport';

/** How long the queue rests when the database cannot take writes, before a worker tries again. */
const STORAGE_PAUSE_MS = 5_000;

/**
 * Runs one mail job's send and tells BullMQ what a failure means: a 5xx, or a relay that went silent (the message is
 * unknown, see MailSender), is never retried; a 421 or "too many" pauses the whole queue (the job goes back to
 * waiting as it is, its retries untouched); so does a database that is full, read-only or away, since every job would
 * fail alike until it takes writes again, and a long outage must not use up the jobs' retries; anything else is
 * retried with the queue's backoff.
 */
export async function sendAsJob<T>(queue: Queue, slowDownMs: number, send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (error instanceof SmtpSendError && (error.permanent || error.ambiguous)) throw new UnrecoverableError(error.message);
    if (error instanceof SmtpSendError && error.slowDown) {
      await queue.rateLimit(slowDownMs);
      throw Worker.RateLimitError();
    }
    if (storageUnavailableReason(error)) {
      await queue.rateLimit(STORAGE_PAUSE_MS);
      throw Worker.RateLimitError();
    }
    throw error;
  }
}
