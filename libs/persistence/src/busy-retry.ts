import { setTimeout as sleep } from 'node:timers/promises';

const ATTEMPTS = 10;

/**
 * FerretDB on SQLite answers a write that meets another open write with "database is locked (SQLITE_BUSY)"; the
 * write did not happen, so it is safe to try again. MongoDB never answers this, so there it costs nothing.
 */
export function isBusyError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && /SQLITE_BUSY|database is locked/.test(String((error as { message?: unknown }).message));
}

/** Runs a write again, with a short jittered pause, while the database is busy; other errors pass through. */
export async function retryWhileBusy<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (!isBusyError(error) || attempt >= ATTEMPTS) throw error;
      await sleep(5 + Math.random() * 20 * attempt);
    }
  }
}
