import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

export const CORRELATION_HEADER = 'x-correlation-id';

export interface CorrelationScope {
  /** Follows one user action through HTTP, Kafka and BullMQ. */
  correlationId: string;
  /** The id of the event being handled, if any: events published while handling it name it as their cause. */
  causationId: string | null;
}

const storage = new AsyncLocalStorage<CorrelationScope>();

/** Carries the correlation id across async boundaries so logs and published events pick it up without plumbing. */
export const Correlation = {
  run<T>(scope: CorrelationScope, work: () => T): T {
    return storage.run(scope, work);
  },
  current(): CorrelationScope | undefined {
    return storage.getStore();
  },
  /** The current scope, or a fresh one for work that starts outside any request or event (timers, start-up). */
  currentOrNew(): CorrelationScope {
    return storage.getStore() ?? { correlationId: randomUUID(), causationId: null };
  },
  /** Accepts an incoming id only if it looks like one, so a client cannot inject log noise. */
  sanitize(value: unknown): string | undefined {
    return typeof value === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(value) ? value : undefined;
  },
};
