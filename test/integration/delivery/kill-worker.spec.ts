import { Queue } from 'bullmq';
import { MongoClient } from 'mongodb';
import { MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { TestRun, waitFor } from '@hub/testing';
import { HubProcesses } from '../../support/hub-processes';
import { bulkEntry, confirmationJob } from '../../support/mail-jobs';
import { SmtpSinkProcess } from '../../support/smtp-sink-process';

jest.setTimeout(300_000);

const MESSAGES = 10_000;
const KILLS = 3;
const CONCURRENCY = 20;

/**
 * The delivery promise under the worst kind of crash: the delivery process is killed with SIGKILL three times while
 * 10 000 messages go out, and restarted each time. Afterwards every recipient has exactly one message or is marked
 * unknown (killed during its SMTP call), nobody has two, and the unknowns are no more than what was in flight.
 */
describe('delivery killed with SIGKILL during a 10 000-message run', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const sink = new SmtpSinkProcess();
  let queue: Queue<TransactionalMailJob>;

  beforeAll(async () => {
    await sink.start();
    queue = new Queue<TransactionalMailJob>(MAIL_QUEUES.transactional, {
      connection: { url: run.stack.redisUrl } as never,
      prefix: run.id,
    });
  });

  afterAll(async () => {
    await queue?.close();
    await hub.stopAll();
    sink.stop();
    await run.cleanup();
  });

  it('sends every message once or marks it unknown, never twice', async () => {
    const overrides = {
      SMTP_URL: sink.smtpUrl,
      TRANSACTIONAL_CONCURRENCY: String(CONCURRENCY),
      TRANSACTIONAL_RATE_PER_SECOND: '5000',
      SMTP_POOL_CONNECTIONS: '10',
      UNKNOWN_AFTER_SECONDS: '10',
      UNKNOWN_SWEEP_INTERVAL_SECONDS: '2',
      OUTBOX_POLL_INTERVAL_MS: '5000',
    };
    await hub.start(['delivery'], overrides);

    const recipients = Array.from({ length: MESSAGES }, (_, i) => `r${i}.${run.id}@sink.test`);
    for (let i = 0; i < MESSAGES; i += 1_000) {
      await queue.addBulk(
        recipients.slice(i, i + 1_000).map((recipient) => bulkEntry(confirmationJob(recipient, 'sv'), 'kill')),
      );
    }

    for (let kill = 1; kill <= KILLS; kill++) {
      const threshold = Math.round((MESSAGES * kill) / (KILLS + 1));
      await waitFor(`${threshold} messages at the sink`, async () => ((await sink.stats()).accepted >= threshold ? true : undefined), { timeoutMs: 120_000 }).catch(
        async (error: Error) => {
          throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}; queue ${JSON.stringify(await queue.getJobCounts())}\n${hub.logs('delivery')}`);
        },
      );
      expect(await hub.kill('delivery', 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
      hub.spawn('delivery', overrides);
      await hub.waitReady('delivery');
    }

    // Jobs of the killed processes stall and run again (after BullMQ's lock expires); they find their claims.
    await waitFor(
      'the queue to drain',
      async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0) ? true : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    );

    const mongo = await MongoClient.connect(run.stack.mongoUrl);
    try {
      const deliveries = mongo.db(`${run.id}_delivery`).collection<{ _id: string; recipient: string; status: string }>('deliveries');
      await waitFor('no claim left sending', async () => ((await deliveries.countDocuments({ status: 'sending' })) === 0 ? true : undefined), {
        timeoutMs: 60_000,
        intervalMs: 1_000,
      });
      const rows = await deliveries.find({}, { projection: { recipient: 1, status: 1 } }).toArray();
      const statusOf = new Map(rows.map((row) => [row.recipient, row.status]));
      const received = await sink.recipients();

      const twice = Object.entries(received).filter(([, count]) => count > 1);
      expect(twice).toEqual([]);
      const missing = recipients.filter((recipient) => !received[recipient]);
      const missingNotUnknown = missing.filter((recipient) => statusOf.get(recipient) !== 'unknown');
      expect(missingNotUnknown).toEqual([]);
      const unknown = rows.filter((row) => row.status === 'unknown').length;
      expect(unknown).toBeLessThanOrEqual(KILLS * CONCURRENCY);
      expect(rows.filter((row) => row.status === 'sent').length + unknown).toBe(MESSAGES);
      process.stdout.write(`kill test: ${MESSAGES} messages, ${KILLS} SIGKILLs: ${Object.keys(received).length} delivered once, ${unknown} unknown, 0 twice\n`);
    } finally {
      await mongo.close();
    }
  });
});
