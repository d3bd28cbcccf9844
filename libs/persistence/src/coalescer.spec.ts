import { AsyncLocalStorage } from 'node:async_hooks';
import { BatchOutcome, Coalescer, sharedReads, StalledBatchError } from './coalescer';
import { storageUnavailableReason } from './storage-unavailable';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('Coalescer', () => {
  it('sends a lone call alone, and the calls made while a batch is in flight together in the next', async () => {
    const batches: number[][] = [];
    const release = deferred<void>();
    const coalescer = new Coalescer<number, number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await release.promise;
      return items.map((item) => ({ ok: true, value: item * 10 }));
    }, { maxBatch: 3 });

    const first = coalescer.call(1);
    await new Promise((resolve) => setImmediate(resolve));
    const rest = [2, 3, 4, 5, 6].map((item) => coalescer.call(item));
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([[1]]);
    release.resolve();

    expect(await first).toBe(10);
    expect(await Promise.all(rest)).toEqual([20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it("fails only the item whose outcome is an error, and every item of a batch that throws", async () => {
    let fail = false;
    const coalescer = new Coalescer<string, string>(async (items): Promise<BatchOutcome<string>[]> => {
      if (fail) throw new Error('connection closed');
      return items.map((item) => (item === 'bad' ? { ok: false, error: new Error(`rejected ${item}`) } : { ok: true, value: item.toUpperCase() }));
    }, { maxBatch: 10 });

    const results = await Promise.allSettled(['a', 'bad', 'c'].map((item) => coalescer.call(item)));
    expect(results.map((result) => (result.status === 'fulfilled' ? result.value : (result.reason as Error).message))).toEqual(['A', 'rejected bad', 'C']);

    fail = true;
    const failed = await Promise.allSettled(['d', 'e'].map((item) => coalescer.call(item)));
    expect(failed.map((result) => result.status === 'rejected' && (result.reason as Error).message)).toEqual(['connection closed', 'connection closed']);
    fail = false;
    expect(await coalescer.call('f')).toBe('F');
  });

  it('runs up to maxInFlight batches at once', async () => {
    let running = 0;
    let most = 0;
    const coalescer = new Coalescer<number, void>(async (items) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return items.map(() => ({ ok: true, value: undefined }));
    }, { maxBatch: 2, maxInFlight: 2 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => coalescer.call(i)));
    expect(most).toBe(2);
  });

  it('fails the callers of a batch that never settles, as a database that did not answer, and goes on with the next', async () => {
    let calls = 0;
    const coalescer = new Coalescer<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) return new Promise<never>(() => undefined);
      return items.map((item) => ({ ok: true, value: item }));
    }, { maxBatch: 10, stallAfterMs: 50 });
    const stuck = coalescer.call(1).catch((error: unknown) => error);
    await new Promise((resolve) => setImmediate(resolve));
    const next = coalescer.call(2);
    const error = await stuck;
    expect(error).toBeInstanceOf(StalledBatchError);
    expect(storageUnavailableReason(error)).toBe('unreachable');
    expect(await next).toBe(2);
  });

  it("runs a batch outside its callers' async context, and gives each caller its own back", async () => {
    const storage = new AsyncLocalStorage<string>();
    const seenByBatch: Array<string | undefined> = [];
    const coalescer = new Coalescer<number, number>(async (items) => {
      seenByBatch.push(storage.getStore());
      return items.map((item) => ({ ok: true, value: item }));
    }, { maxBatch: 10 });
    const contexts = await Promise.all(
      ['a', 'b'].map((name, i) =>
        storage.run(name, async () => {
          await coalescer.call(i);
          return storage.getStore();
        }),
      ),
    );
    expect(seenByBatch).toEqual([undefined]);
    expect(contexts).toEqual(['a', 'b']);
  });
});

describe('sharedReads', () => {
  it('reads each key once for the callers waiting together, and afresh for those who ask during that read', async () => {
    const reads: string[] = [];
    let version = 0;
    const release: Array<() => void> = [];
    const shared = sharedReads(async (key: string) => {
      reads.push(key);
      const seen = version;
      await new Promise<void>((done) => release.push(done));
      return `${key}@${seen}`;
    });
    const first = [shared.call('a'), shared.call('a'), shared.call('b')];
    await new Promise((resolve) => setImmediate(resolve));
    version = 1;
    const later = shared.call('a');
    release.splice(0).forEach((done) => done());
    expect(await Promise.all(first)).toEqual(['a@0', 'a@0', 'b@0']);
    await new Promise((resolve) => setImmediate(resolve));
    release.splice(0).forEach((done) => done());
    expect(await later).toBe('a@1');
    expect(reads).toEqual(['a', 'b', 'a']);
  });
});
