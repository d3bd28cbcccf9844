import type { EventEnvelope } from '@hub/contracts';
import type { EventPublisher } from './event.publisher';
import type { MessagingOptions } from './messaging.options';
import { OutboxRelay } from './outbox.relay';

const event = (id: string) => ({ id, type: 'audience.subscription.confirmed' }) as unknown as EventEnvelope;

/** A collection stand-in: whatever the relay reads back by id holds that id's event; nothing is left for a sweep. */
function fakeModel() {
  const readBack: unknown[] = [];
  const query = (result: unknown) => ({ limit: () => query(result), lean: () => ({ exec: async () => result }) });
  const model = {
    readBack,
    /** A read back names its ids by `$in`; a sweep's filter has none and finds nothing. */
    find: (filter: { _id?: { $in: string[] } }) => {
      const ids = filter._id?.$in ?? [];
      readBack.push(...ids);
      return query(ids.map((id) => ({ _id: id, outbox: [event(`event-of-${id}`)] })));
    },
    collection: { updateMany: async (filter: { _id: { $in: unknown[] } }) => ({ modifiedCount: filter._id.$in.length }) },
  };
  return model;
}

describe('OutboxRelay', () => {
  it('publishes documents read back a batch at a time, never holding more read than one batch', async () => {
    let unpublished = 0;
    let most = 0;
    const publisher = {
      publish: async (events: EventEnvelope[]) => {
        unpublished -= events.length;
      },
    } as unknown as EventPublisher;
    const relay = new OutboxRelay(publisher, { outboxPollIntervalMs: 60_000, outboxFullSweepIntervalMs: 600_000 } as MessagingOptions);
    const model = fakeModel();
    const find = model.find;
    model.find = (filter: { _id?: { $in: string[] } }) => {
      unpublished += filter._id?.$in.length ?? 0;
      most = Math.max(most, unpublished);
      return find(filter);
    };
    relay.watch(model as never);
    // Named without their events (as past EVENTS_HELD, or by a write that does not know them): each is read back.
    for (let i = 0; i < 1_000; i += 1) relay.nudge(model as never, `doc-${i}`);
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await relay.onModuleDestroy();

    expect(model.readBack).toHaveLength(1_000);
    expect(unpublished).toBe(0);
    expect(most).toBeLessThanOrEqual(100);
  });

  it('holds the events of at most 10 000 nudged documents, and reads the later ones back', async () => {
    const published: string[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void published.push(...events.map((e) => e.id)) } as unknown as EventPublisher;
    const relay = new OutboxRelay(publisher, { outboxPollIntervalMs: 60_000, outboxFullSweepIntervalMs: 600_000 } as MessagingOptions);
    const model = fakeModel();
    relay.watch(model as never);
    relay.start();
    // The first sweep finds nothing left behind: from then on, events named by writes are trusted as they are.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await relay.onModuleDestroy();

    for (let i = 0; i < 10_002; i += 1) relay.nudge(model as never, `doc-${i}`, [event(`held-${i}`)]);
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await relay.onModuleDestroy();

    expect(model.readBack).toEqual(['doc-10000', 'doc-10001']);
    expect(published).toHaveLength(10_002);
    expect(published.slice(-2)).toEqual(['event-of-doc-10000', 'event-of-doc-10001']);
  });

  it('does not publish again what a sweep published when the write’s nudge arrives after the sweep', async () => {
    const published: string[] = [];
    const publisher = { publish: async (events: EventEnvelope[]) => void published.push(...events.map((e) => e.id)) } as unknown as EventPublisher;
    const relay = new OutboxRelay(publisher, { outboxPollIntervalMs: 60_000, outboxFullSweepIntervalMs: 600_000 } as MessagingOptions);
    const model = fakeModel();
    // The write stored doc-x with its event; the start-up sweep finds it before the write's answer is back.
    let leftBehind = [{ _id: 'doc-x', outbox: [event('stored-first')] }];
    const find = model.find;
    model.find = (filter: { _id?: { $in: string[] } }) => {
      if (filter._id) return find(filter);
      const found = leftBehind;
      leftBehind = [];
      return { limit: () => ({ lean: () => ({ exec: async () => found }) }) } as never;
    };
    relay.watch(model as never);
    relay.start();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(published).toEqual(['stored-first']);

    // Now the write's nudge names that event, and a later write's next to it.
    relay.nudge(model as never, 'doc-x', [event('stored-first'), event('stored-later')]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await relay.onModuleDestroy();

    expect(published).toEqual(['stored-first', 'stored-later']);
    expect(model.readBack).toEqual([]);
  });
});
