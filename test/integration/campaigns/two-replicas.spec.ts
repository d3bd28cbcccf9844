import { MongoClient } from 'mongodb';
import type { DeliverySummary } from '@hub/contracts';
import { InternalApiClient } from '@hub/http';
import { TestRun, waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { sendToConfirmedSubscribers } from '../../support/newsletter-send';
import { SmtpSinkProcess } from '../../support/smtp-sink-process';
import { READY_MS, startSlowly } from './start-slowly';

jest.setTimeout(300_000);

const SUBSCRIBERS = 400;
const [ownerDemo] = DEMO_COORDINATORS;

interface Lease {
  _id: string;
  generation: number;
  holder: string;
}

/**
 * Two campaigns processes on the same databases, queues and topics, as two replicas would run: each one's sweep
 * asks to fan out every `sending` send, and the send's lease lets only one of them. A second fan-out would queue
 * again the copies already sent (their jobs are removed on completion) and delivery would count them skipped;
 * so "nobody has two copies" is delivery's claims, "nothing skipped" is the lease. Then the lease's holder is
 * killed mid-send and, once its lease has run out, another process takes the send over and finishes it.
 */
describe('two campaigns replicas on one send', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const sink = new SmtpSinkProcess();
  const campaignsEnv = { FANOUT_WINDOW: '50', FANOUT_PAGE_SIZE: '50', SEND_SWEEP_INTERVAL_SECONDS: '1', SEND_LEASE_SECONDS: '4' };
  let owner: GatewayClient;
  let mongo: MongoClient;
  let delivery: InternalApiClient;
  let firstCampaignsPid: number | undefined;

  const leasesOf = (sendId: string) => mongo.db(`${run.id}_campaigns`).collection<Lease>('send_leases').find({ sendId }).toArray();
  /** Read from campaigns' database: the gateway asks the first campaigns process, which the second test may kill. */
  const completed = (id: string) =>
    waitFor(
      'the send to complete',
      async () => {
        const newsletter = await mongo.db(`${run.id}_campaigns`).collection<{ _id: string; state: string; finalCounts: { recipients: number; delivered: number } | null }>('newsletters').findOne({ _id: id });
        return newsletter?.state === 'completed' ? newsletter.finalCounts : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
    });
  /** Each of the send's addresses exactly once at the sink. */
  const expectOneCopyEach = async (emailOf: (i: number) => string) => {
    const received = await sink.recipients();
    const wrong = Array.from({ length: SUBSCRIBERS }, (_, i) => emailOf(i)).filter((email) => received[email] !== 1);
    expect(wrong).toEqual([]);
  };

  beforeAll(async () => {
    await sink.start();
    mongo = await MongoClient.connect(run.stack.mongoUrl);
    await startSlowly(hub, ['gateway', 'audience'], { SMTP_URL: sink.smtpUrl });
    firstCampaignsPid = hub.spawn('campaigns', { SMTP_URL: sink.smtpUrl, ...campaignsEnv }).pid;
    await hub.waitReady('campaigns', READY_MS);
    await hub.replica('campaigns', { SMTP_URL: sink.smtpUrl, ...campaignsEnv });
    // Slow enough that the second replica's sweeps see the send `sending` many times over.
    await startSlowly(hub, ['delivery'], { SMTP_URL: sink.smtpUrl, BULK_RATE_PER_SECOND: '80' });
    owner = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
    delivery = new InternalApiClient('delivery', hub.url('delivery'), run.env().INTERNAL_API_SECRET);
  }, READY_MS * 5);

  afterAll(async () => {
    await hub.stopAll();
    sink.stop();
    await mongo?.close();
    await run.cleanup();
  });

  it('fans a send out once: everyone gets exactly one copy and delivery skips none', async () => {
    const emailOf = (i: number) => `once${i}.${run.id}@sink.test`;
    const id = await sendToConfirmedSubscribers(run, owner, { name: 'Once', count: SUBSCRIBERS, emailOf });
    expect(await completed(id)).toMatchObject({ recipients: SUBSCRIBERS, delivered: SUBSCRIBERS });
    await expectOneCopyEach(emailOf);
    const summary = await delivery.request<DeliverySummary>('GET', `/internal/sources/${encodeURIComponent(id)}/summary`);
    expect(summary).toMatchObject({ sent: SUBSCRIBERS, skipped: 0 });
  });

  it('lets another process take the send over when the lease holder is killed mid-send', async () => {
    const emailOf = (i: number) => `over${i}.${run.id}@sink.test`;
    const before = (await sink.stats()).accepted;
    const id = await sendToConfirmedSubscribers(run, owner, { name: 'Takeover', count: SUBSCRIBERS, emailOf });
    await waitFor('a quarter of the copies at the sink', async () => ((await sink.stats()).accepted - before >= SUBSCRIBERS / 4 ? true : undefined), { timeoutMs: 120_000, intervalMs: 100 });
    const [held] = await leasesOf(id);
    // The holder names its process: `host:pid:random`. Both candidates are this test's own children.
    const pid = Number(held.holder.split(':')[1]);
    if (pid === firstCampaignsPid) {
      // Gateway and delivery (for the content) know campaigns at the first one's address: as an orchestrator
      // would, it is started again there, while the other replica keeps running.
      expect((await hub.kill('campaigns', 'SIGKILL')).signal).toBe('SIGKILL');
      hub.spawn('campaigns', { SMTP_URL: sink.smtpUrl, ...campaignsEnv });
      await hub.waitReady('campaigns', READY_MS);
    } else {
      process.kill(pid, 'SIGKILL');
    }

    expect(await completed(id)).toMatchObject({ recipients: SUBSCRIBERS, delivered: SUBSCRIBERS });
    await expectOneCopyEach(emailOf);
    // Taken over: a newer generation of another process (the older ones are removed when a newer one is taken).
    const leases = await leasesOf(id);
    expect(leases).toHaveLength(1);
    expect(leases[0].generation).toBeGreaterThan(held.generation);
    expect(leases[0].holder).not.toBe(held.holder);
  });
});
