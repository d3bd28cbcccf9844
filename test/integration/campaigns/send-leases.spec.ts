import mongoose, { type Model } from 'mongoose';
import { TestRun } from '@hub/testing';
import { mongoConnectOptions } from '@hub/persistence';
import { SendLeaseRepository } from '../../../apps/campaigns/src/newsletters/send-lease.repository';
import { SendLease, SendLeaseSchema } from '../../../apps/campaigns/src/newsletters/send-lease.schema';
import { SendLeases } from '../../../apps/campaigns/src/newsletters/send-leases';

jest.setTimeout(60_000);

const SECONDS = 30;

/**
 * Send leases on the real server (FerretDB in the local stack, where updates are not atomic): each SendLeases is
 * one campaigns process. Of many taking a free send at once exactly one gets it; a held lease keeps the others
 * out; a lease that ran out (its holder died) is taken over once, and the old holder learns it on its next renewal.
 */
describe('send leases between campaigns processes', () => {
  const run = new TestRun();
  const options = { url: run.stack.mongoUrl, database: `${run.id}_campaigns_leases` };
  const connection = mongoose.createConnection();
  let repository: SendLeaseRepository;
  const campaignsProcess = () => new SendLeases({ SEND_LEASE_SECONDS: SECONDS }, repository);
  const later = (from: Date, seconds: number) => new Date(from.getTime() + seconds * 1000);

  beforeAll(async () => {
    await connection.openUri(options.url, mongoConnectOptions(options));
    repository = new SendLeaseRepository(connection.model<SendLease>(SendLease.name, SendLeaseSchema) as unknown as Model<SendLease>);
    await repository.onModuleInit();
  });

  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('lets exactly one of eight processes take a free send at once, and keeps the others out while it is held', async () => {
    const processes = Array.from({ length: 8 }, campaignsProcess);
    const now = new Date();
    const taken = await Promise.all(processes.map((one) => one.acquire('send-a', now)));
    const winners = taken.filter((lease): lease is SendLease => lease !== null);
    expect(winners).toHaveLength(1);
    const holder = processes[taken.indexOf(winners[0])];
    expect(await repository.latest('send-a')).toMatchObject({ _id: 'send-a:1', holder: holder.holder });

    const others = processes.filter((one) => one !== holder);
    expect(await Promise.all(others.map((one) => one.acquire('send-a', later(now, SECONDS - 1))))).toEqual(others.map(() => null));
    // Extended, it stays held past its first end.
    expect(await holder.renew(winners[0], later(now, SECONDS - 1))).toBe(true);
    expect(await others[0].acquire('send-a', later(now, SECONDS + 1))).toBeNull();
  });

  it('hands a run-out lease to one other process, and tells the old holder it lost the send', async () => {
    const [crashed, ...survivors] = Array.from({ length: 4 }, campaignsProcess);
    const now = new Date();
    const old = (await crashed.acquire('send-b', now))!;
    expect(old.generation).toBe(1);

    const after = later(now, SECONDS + 1);
    const taken = (await Promise.all(survivors.map((one) => one.acquire('send-b', after)))).filter((lease) => lease !== null);
    expect(taken).toHaveLength(1);
    expect(taken[0]).toMatchObject({ _id: 'send-b:2', generation: 2 });
    expect(await crashed.renew(old, after)).toBe(false);
    expect(await crashed.acquire('send-b', after)).toBeNull();
    // The run-out generation is gone: only the holder's is left.
    expect((await connection.model(SendLease.name).find({ sendId: 'send-b' }).lean()).map((lease) => lease._id)).toEqual(['send-b:2']);
  });

  it('lets another process take a released send at once', async () => {
    const [first, second] = [campaignsProcess(), campaignsProcess()];
    const now = new Date();
    const lease = (await first.acquire('send-c', now))!;
    expect(await second.acquire('send-c', now)).toBeNull();
    await first.release(lease);
    expect(await second.acquire('send-c', now)).toMatchObject({ _id: 'send-c:2', holder: second.holder });
  });
});
