import { AsyncResource } from 'node:async_hooks';

/** What a batch gives back per item, in order: a result, or the error of that item alone. */
export type BatchOutcome<Out> = { ok: true; value: Out } | { ok: false; error: unknown };

export interface CoalescerOptions {
  /** The most items one batch carries (e.g. what one database request may hold). */
  maxBatch: number;
  /** Batches running at once; calls made meanwhile wait and go together in the next one. */
  maxInFlight?: number;
  /**
   * How long a batch may take before its callers are told it stalled and its place goes to the next batch (30 s
   * unless given). A database call that never settles must fail only its own callers, as it would uncoalesced, not
   * hold every later call behind it.
   */
  stallAfterMs?: number;
}

const DEFAULT_STALL_AFTER_MS = 30_000;

/**
 * A coalesced batch that did not settle in time: its outcome is not known (a write may yet land), so the caller
 * answers as for a database that did not answer.
 */
export class StalledBatchError extends Error {
  override readonly name = 'StalledBatchError';

  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
  }
}

interface Waiting<In, Out> {
  item: In;
  resolve: (value: Out) => void;
  reject: (error: unknown) => void;
}

/**
 * Turns many concurrent single calls into few batched ones: a call made while the batches in flight are busy waits
 * and goes out with the others that arrived meanwhile. Under light load a call goes out alone on the next turn of the
 * event loop; under heavy load batches grow up to `maxBatch`. Every round trip saved is a socket write, a reply to
 * parse and, on FerretDB, a transaction: on a 2-core machine those, not the work itself, were the bulk of the cost.
 *
 * `run` answers each item (BatchOutcome, in order) or throws, which fails every item of that batch.
 */
export class Coalescer<In, Out> {
  private waiting: Waiting<In, Out>[] = [];
  private inFlight = 0;
  private scheduled = false;
  private readonly maxInFlight: number;
  /** The context batches run in: the one the coalescer was made in, not any one caller's. */
  private readonly context = new AsyncResource('Coalescer');

  constructor(
    private readonly run: (items: In[]) => Promise<BatchOutcome<Out>[]>,
    private readonly options: CoalescerOptions,
  ) {
    this.maxInFlight = options.maxInFlight ?? 1;
  }

  call(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.waiting.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.inFlight >= this.maxInFlight) return;
    this.scheduled = true;
    // A batch belongs to no one caller: its logs must not carry the first caller's correlation id.
    setImmediate(() =>
      this.context.runInAsyncScope(() => {
        this.scheduled = false;
        this.flush();
      }),
    );
  }

  private flush(): void {
    while (this.waiting.length > 0 && this.inFlight < this.maxInFlight) {
      const batch = this.waiting.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.settle(batch).finally(() => {
        this.inFlight -= 1;
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  private async settle(batch: Waiting<In, Out>[]): Promise<void> {
    let outcomes: BatchOutcome<Out>[];
    const stallAfterMs = this.options.stallAfterMs ?? DEFAULT_STALL_AFTER_MS;
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new StalledBatchError(stallAfterMs)), stallAfterMs)));
    try {
      outcomes = await Promise.race([this.run(batch.map((waiting) => waiting.item)), stalled]);
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    } finally {
      clearTimeout(timer);
    }
    batch.forEach((waiting, index) => {
      const outcome = outcomes[index];
      if (!outcome) waiting.reject(new Error(`batch answered ${outcomes.length} of ${batch.length} items`));
      else if (outcome.ok) waiting.resolve(outcome.value);
      else waiting.reject(outcome.error);
    });
  }
}

/**
 * Concurrent reads of one key share one read, which starts after each of them asked (so none sees an older state
 * than a read of its own would have): for a hot document read by every request of a burst (a network by its slug,
 * an event, a list). The value is shared between the callers: read it only.
 */
export function sharedReads<Key, Value>(read: (key: Key) => Promise<Value>): Coalescer<Key, Value> {
  return new Coalescer<Key, Value>(
    async (keys) => {
      const found = new Map(await Promise.all([...new Set(keys)].map(async (key) => [key, await read(key)] as const)));
      return keys.map((key) => ({ ok: true, value: found.get(key) as Value }));
    },
    { maxBatch: 1_000 },
  );
}
