import { getModelToken } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { SMTPServer, SMTPServerAddress, SMTPServerSession } from 'smtp-server';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { loadConfig } from '@hub/config';
import { MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { KafkaTopicReader, TestRun, waitFor } from '@hub/testing';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { Delivery } from '../../../apps/delivery/src/delivery-log/delivery.schema';
import { freePort } from '../../../tools/ports/free-port.cjs';
import { confirmationJob } from '../../support/mail-jobs';
import { InProcessApp, startInProcess } from '../../support/in-process-app';

jest.setTimeout(120_000);

/** How the peer answers a recipient: by the local part's first word, for its first `times` attempts, then 250. */
const SCRIPT: Record<string, { code: number; message: string; times: number } | 'drop-once'> = {
  ok: { code: 250, message: 'OK', times: 0 },
  once450: { code: 450, message: 'Mailbox busy, try later', times: 1 },
  once451: { code: 451, message: 'Local error in processing', times: 1 },
  once421: { code: 421, message: 'Too many connections, slow down', times: 1 },
  always550: { code: 550, message: 'No such user', times: Infinity },
  always552: { code: 552, message: 'Mailbox full', times: Infinity },
  drop: 'drop-once',
};

/** A real SMTP peer with scripted answers, recording every attempt and every accepted message. */
class ScriptedSmtpPeer {
  readonly attempts = new Map<string, number>();
  readonly rejectedAt = new Map<string, number>();
  readonly accepted: Array<{ to: string; at: number }> = [];
  private readonly server: SMTPServer;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error) => void) => {
        const to = address.address;
        const attempt = (this.attempts.get(to) ?? 0) + 1;
        this.attempts.set(to, attempt);
        const rule = SCRIPT[to.split('.')[0]];
        if (rule === 'drop-once' || !rule || rule.code === 250 || attempt > rule.times) return callback();
        this.rejectedAt.set(to, Date.now());
        callback(Object.assign(new Error(rule.message), { responseCode: rule.code }));
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo[0].address;
        stream.resume();
        stream.on('end', () => {
          if (SCRIPT[to.split('.')[0]] === 'drop-once' && this.attempts.get(to) === 1) {
            // The connection dies before the 250: the sender cannot know whether the message arrived.
            for (const connection of (this.server as unknown as { connections: Set<{ _socket: { destroy(): void } }> }).connections) {
              connection._socket.destroy();
            }
            return;
          }
          this.accepted.push({ to, at: Date.now() });
          callback();
        });
      },
    });
  }

  listen(port: number): Promise<void> {
    // The dropped connection is deliberate; its reset must not take the peer down.
    this.server.on('error', () => undefined);
    return new Promise((resolve) => this.server.listen(port, '127.0.0.1', resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

describe('delivery: what it does with each SMTP answer', () => {
  const run = new TestRun();
  const peer = new ScriptedSmtpPeer();
  let delivery: InProcessApp;
  let queue: Queue<TransactionalMailJob>;
  let deliveries: Model<Delivery>;
  let failedEvents: KafkaTopicReader;

  beforeAll(async () => {
    const port = await freePort();
    await peer.listen(port);
    const env = run.env({ SMTP_URL: `smtp://127.0.0.1:${port}`, SMTP_SLOWDOWN_MS: '1500', SMTP_POOL_CONNECTIONS: '1', TRANSACTIONAL_CONCURRENCY: '1' });
    delivery = await startInProcess(DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, env)));
    queue = delivery.app.get(getQueueToken(MAIL_QUEUES.transactional));
    deliveries = delivery.app.get(getModelToken(Delivery.name));
    failedEvents = await new KafkaTopicReader(run.stack.kafkaBrokers, `${run.topicPrefix}delivery.message.failed`).start();
  });

  afterAll(async () => {
    await failedEvents?.stop();
    await delivery?.close();
    await peer.close();
    await run.cleanup();
  });

  const send = async (local: string) => {
    const recipient = `${local}.${run.id}@peer.test`;
    const job = confirmationJob(recipient, 'en');
    const added = await queue.add(job.kind, job, { jobId: `smtp-${job.source}` });
    return { recipient, id: `${job.source}/${recipient}`, jobId: added.id! };
  };
  const finalRow = (id: string, status: string) =>
    waitFor(`delivery ${id} to be ${status}`, async () => {
      const row = await deliveries.findById(id).lean<Delivery>();
      return row?.status === status ? row : undefined;
    }, { timeoutMs: 30_000 });

  it('retries 450 and 451 with backoff, and delivers once', async () => {
    for (const local of ['once450', 'once451']) {
      const message = await send(local);
      const row = await finalRow(message.id, 'sent');
      expect(row.deferrals).toBe(1);
      expect(peer.attempts.get(message.recipient)).toBe(2);
      expect(peer.accepted.filter((a) => a.to === message.recipient)).toHaveLength(1);
    }
  });

  it('fails 550 and 552 permanently after one try, and announces the failure', async () => {
    for (const local of ['always550', 'always552']) {
      const message = await send(local);
      const row = await finalRow(message.id, 'failed');
      expect(row.smtpResponse).toMatch(local === 'always550' ? /^550/ : /^552/);
      const job = await waitFor('the job to fail', async () => ((await queue.getJob(message.jobId))?.failedReason ? await queue.getJob(message.jobId) : undefined));
      expect(job!.attemptsMade).toBe(1);
      expect(peer.attempts.get(message.recipient)).toBe(1);
      const event = await waitFor('the failed event', () => failedEvents.messages.find((m) => JSON.parse(m.value!).payload.recipient === message.recipient));
      expect(JSON.parse(event.value!).payload).toMatchObject({ permanent: true, deliveryId: message.id });
    }
  });

  it('pauses the whole queue on 421 instead of spending the job’s retries', async () => {
    const slowed = await send('once421');
    const after = await send('ok');
    await finalRow(slowed.id, 'sent');
    await finalRow(after.id, 'sent');
    // BullMQ counts the successful run; the rate-limited one is not an attempt (a 450 retry ends at 2).
    expect((await queue.getJob(slowed.jobId))!.attemptsMade).toBe(1);
    expect(peer.attempts.get(slowed.recipient)).toBe(2);
    // The message queued behind it (one at a time here) also waited out the pause (1.5 s).
    const acceptedAfter = peer.accepted.find((a) => a.to === after.recipient)!.at;
    expect(acceptedAfter - peer.rejectedAt.get(slowed.recipient)!).toBeGreaterThanOrEqual(1_200);
  });

  it('retries after a dropped connection and delivers once', async () => {
    const message = await send('drop');
    await finalRow(message.id, 'sent');
    expect(peer.accepted.filter((a) => a.to === message.recipient)).toHaveLength(1);
  });
});
