import { Queue } from 'bullmq';
import { MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { TestRun, waitFor } from '@hub/testing';
import { HubProcesses } from '../../support/hub-processes';
import { bulkEntry, confirmationJob } from '../../support/mail-jobs';
import { SmtpSinkProcess } from '../../support/smtp-sink-process';

jest.setTimeout(180_000);

const MESSAGES = 2_000;

/** Scaling out: two delivery processes on the same queues share the work, and nobody gets a message twice. */
describe('two delivery processes working the same queues', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const sink = new SmtpSinkProcess();
  let queue: Queue<TransactionalMailJob>;

  beforeAll(async () => {
    await sink.start();
    queue = new Queue<TransactionalMailJob>(MAIL_QUEUES.transactional, { connection: { url: run.stack.redisUrl } as never, prefix: run.id });
  });

  afterAll(async () => {
    await queue?.close();
    await hub.stopAll();
    sink.stop();
    await run.cleanup();
  });

  const sentBy = async (url: string) => {
    const metrics = await (await fetch(`${url}/metrics`)).text();
    return Number(/^emails_sent_total\{queue="transactional"\} (\d+)/m.exec(metrics)?.[1] ?? 0);
  };

  it('splits the messages between them and sends each once', async () => {
    const overrides = { SMTP_URL: sink.smtpUrl, TRANSACTIONAL_CONCURRENCY: '10', TRANSACTIONAL_RATE_PER_SECOND: '5000' };
    await hub.start(['delivery'], overrides);
    const second = await hub.replica('delivery', overrides);

    const recipients = Array.from({ length: MESSAGES }, (_, i) => `two${i}.${run.id}@sink.test`);
    await queue.addBulk(
      recipients.map((recipient) => bulkEntry(confirmationJob(recipient, 'da'), 'two')),
    );
    await waitFor('every message at the sink', async () => ((await sink.stats()).accepted >= MESSAGES ? true : undefined), { timeoutMs: 150_000, intervalMs: 500 });

    const received = await sink.recipients();
    expect(Object.values(received).filter((count) => count > 1)).toEqual([]);
    expect(recipients.filter((recipient) => received[recipient] !== 1)).toEqual([]);
    const [first, other] = [await sentBy(hub.url('delivery')), await sentBy(second)];
    expect(first + other).toBe(MESSAGES);
    expect(Math.min(first, other)).toBeGreaterThan(MESSAGES * 0.1);
  });
});
