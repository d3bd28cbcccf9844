import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { SmtpSendError } from '../smtp/smtp.transport';

/**
 * Runs one mail job's send and tells BullMQ what a failure means: a 5xx, or a relay that went silent (the message is
 * unknown, see MailSender), is never retried; a 421 or "too many" pauses the whole queue (the job goes back to
 * waiting as it is, its retries untouched); anything else is retried with the queue's backoff.
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
    throw error;
  }
}
