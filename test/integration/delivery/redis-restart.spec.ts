import { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { MAIL_QUEUES } from '@hub/contracts';
import { TestRun, waitFor } from '@hub/testing';
import { CampaignsStandIn } from '../../support/campaigns-stand-in';
import { HubProcesses } from '../../support/hub-processes';
import { bulkEntry, confirmationJob, newsletterJob } from '../../support/mail-jobs';
import { RedisProcess } from '../../support/redis-process';
import { SmtpSinkProcess } from '../../support/smtp-sink-process';

jest.setTimeout(240_000);

const PER_QUEUE = 300;

/** Redis restarted under a running delivery process, with both queues busy: the run completes, nobody gets two. */
describe('delivery across a Redis restart', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const sink = new SmtpSinkProcess();
  const redis = new RedisProcess();
  const campaigns = new CampaignsStandIn(run.env().INTERNAL_API_SECRET);
  let transactional: Queue;
  let bulk: Queue;

  beforeAll(async () => {
    await Promise.all([sink.start(), redis.start(), campaigns.start()]);
    const connection = { url: redis.url, maxRetriesPerRequest: null } as never;
    transactional = new Queue(MAIL_QUEUES.transactional, { connection, prefix: run.id });
    bulk = new Queue(MAIL_QUEUES.bulk, { connection, prefix: run.id });
  });

  afterAll(async () => {
    await Promise.allSettled([transactional?.close(), bulk?.close()]);
    await hub.stopAll();
    sink.stop();
    await campaigns.stop();
    await redis.destroy();
    await run.cleanup();
  });

  it('delivers every queued message exactly once', async () => {
    await hub.start(['delivery'], {
      REDIS_URL: redis.url,
      SMTP_URL: sink.smtpUrl,
      CAMPAIGNS_URL: campaigns.url,
      TRANSACTIONAL_RATE_PER_SECOND: '5000',
      BULK_RATE_PER_SECOND: '5000',
    });
    const sendId = `send-${randomUUID()}`;
    campaigns.states.set(sendId, 'sending');
    const confirmations = Array.from({ length: PER_QUEUE }, (_, i) => confirmationJob(`t${i}.${run.id}@sink.test`, 'sv'));
    const copies = Array.from({ length: PER_QUEUE }, (_, i) => newsletterJob(`b${i}.${run.id}@sink.test`, sendId));
    await transactional.addBulk(confirmations.map((job) => bulkEntry(job, 'restart')));
    await bulk.addBulk(copies.map((job) => ({ name: job.kind, data: job, opts: { jobId: `newsletter-${sendId}-${job.contactId}` } })));

    await waitFor('the first messages at the sink', async () => ((await sink.stats()).accepted >= PER_QUEUE / 3 ? true : undefined), { timeoutMs: 90_000, intervalMs: 200 });
    const before = (await sink.stats()).accepted;
    await redis.restart(1_500);

    const total = PER_QUEUE * 2;
    await waitFor(`all ${total} messages at the sink`, async () => ((await sink.stats()).accepted >= total ? true : undefined), { timeoutMs: 180_000, intervalMs: 500 }).catch(
      async (error: Error) => {
        throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}\n${hub.logs('delivery')}`);
      },
    );
    // Some were still waiting when Redis went away: the restart happened mid-run, not after it.
    expect(before).toBeLessThan(total);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const received = await sink.recipients();
    const expected = [...confirmations, ...copies].map((job) => job.recipient);
    expect(expected.filter((recipient) => received[recipient] !== 1)).toEqual([]);
    expect((await sink.stats()).duplicates).toBe(0);
  });
});
