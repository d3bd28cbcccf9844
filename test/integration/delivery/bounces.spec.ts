import { getQueueToken } from '@nestjs/bullmq';
import { getModelToken } from '@nestjs/mongoose';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { loadConfig } from '@hub/config';
import { InternalApiClient } from '@hub/http';
import { ContactPage, EventEnvelope, MAIL_QUEUES, MessageBouncedPayload, MessageComplainedPayload, SubscribeResponse, topicOf, TransactionalMailJob } from '@hub/contracts';
import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { KafkaTopicReader, MailpitClient, MailpitMessage, TestRun, waitFor } from '@hub/testing';
import { audienceConfigSchema } from '../../../apps/audience/src/audience.config';
import { AudienceModule } from '../../../apps/audience/src/audience.module';
import { SoftBounceStreak } from '../../../apps/delivery/src/bounces/delivery-feedback.schema';
import { ReturnPathRecord } from '../../../apps/delivery/src/bounces/return-path.schema';
import { ReturnPathSweeper } from '../../../apps/delivery/src/bounces/return-path.sweeper';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { Delivery } from '../../../apps/delivery/src/delivery-log/delivery.schema';
import { freePort } from '../../../tools/ports/free-port.cjs';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { confirmationJob } from '../../support/mail-jobs';

jest.setTimeout(180_000);

const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;
const BOUNCE_DOMAIN = 'bounce.hub.test';
const samples = join(__dirname, '../../../apps/delivery/src/bounces/testdata');

/**
 * Bounces and complaints on the real stack: mail goes out through Mailpit with a VERP return path, reports come back
 * into delivery's inbound SMTP port from a real SMTP client, and audience suppresses the address (read back through
 * audience's API), which stops later mail.
 */
describe('delivery: bounces and complaints', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  let audience: InProcessApp;
  let delivery: InProcessApp;
  let audienceApi: InternalApiClient;
  let bouncePort: number;
  let bounced: KafkaTopicReader;
  let complained: KafkaTopicReader;

  beforeAll(async () => {
    bouncePort = await freePort();
    audience = await startInProcess(AudienceModule.forRoot(loadConfig(audienceConfigSchema, run.env({ CONFIRMATION_RESEND_MINUTES: '0' }))));
    delivery = await startInProcess(
      DeliveryModule.forRoot(
        loadConfig(
          deliveryConfigSchema,
          run.env({ BOUNCE_DOMAIN, BOUNCE_SIGNING_SECRET: 'test-bounce-signing-secret-of-32-characters', BOUNCE_SMTP_PORT: String(bouncePort), SOFT_BOUNCE_LIMIT: '2' }),
        ),
      ),
    );
    audienceApi = new InternalApiClient('audience', audience.url, run.env().INTERNAL_API_SECRET);
    bounced = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('delivery.message.bounced', run.topicPrefix)).start();
    complained = await new KafkaTopicReader(run.stack.kafkaBrokers, topicOf('delivery.message.complained', run.topicPrefix)).start();
  });

  afterAll(async () => {
    await Promise.allSettled([bounced?.stop(), complained?.stop()]);
    await delivery?.close();
    await audience?.close();
    await run.cleanup();
  });

  const subscribe = (email: string) =>
    audienceApi.request<SubscribeResponse>('POST', `/internal/networks/${network.id}/subscriptions`, { email, language: 'nb', listIds: [list.id] });

  const suppressionOf = async (email: string) => {
    const page = await audienceApi.request<ContactPage>('GET', `/internal/networks/${network.id}/contacts?q=${encodeURIComponent(email)}`);
    return page.items.find((contact) => contact.email === email)?.suppression ?? null;
  };

  const returnPathOf = (message: MailpitMessage) => (message as MailpitMessage & { ReturnPath: string }).ReturnPath;

  /** A report as the receiving MTA would write it, about this message. */
  const report = (sample: string, message: MailpitMessage, recipient: string) =>
    readFileSync(join(samples, sample), 'utf8')
      .replaceAll('bounces+TOKEN@bounce.hub.test', returnPathOf(message))
      .replaceAll('MESSAGE_ID', message.MessageID)
      .replace(/nobody@example\.net|anna@gmail\.example/g, recipient);

  /** Sends the report to the return path through delivery's inbound SMTP port, with a null sender as MTAs do. */
  const sendReport = async (to: string, raw: string) => {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: bouncePort, secure: false, ignoreTLS: true });
    try {
      return await client.sendMail({ envelope: { from: '', to }, raw });
    } finally {
      client.close();
    }
  };

  const eventsAbout = <T>(reader: KafkaTopicReader, recipient: string) =>
    reader.messages.map((m) => JSON.parse(m.value!) as EventEnvelope<T & { recipient: string }>).filter((event) => event.payload.recipient === recipient);

  it('sends with a signed VERP return path; a DSN to it becomes one bounce event and a suppression that stops later mail', async () => {
    const email = run.email('hard');
    expect(await subscribe(email)).toEqual({ status: 'accepted' });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    expect(returnPathOf(message)).toMatch(new RegExp(`^bounces\\+[a-z2-7]{32}@${BOUNCE_DOMAIN.replace(/\./g, '\\.')}$`));

    const dsn = report('postfix-user-unknown.eml', message, email);
    expect((await sendReport(returnPathOf(message), dsn)).response).toMatch(/^250/);
    // The reporting MTA retries (it never saw our 250, say): the same report again.
    await sendReport(returnPathOf(message), dsn);

    await waitFor('the address to be suppressed', async () => ((await suppressionOf(email)) === 'hard-bounce' ? true : undefined));
    const events = await waitFor('the bounce event', async () => {
      const found = eventsAbout<MessageBouncedPayload>(bounced, email);
      return found.length > 0 ? found : undefined;
    });
    expect(events[0].networkId).toBe(network.id);
    expect(events[0].payload).toMatchObject({ hard: true, status: '5.1.1', via: 'dsn', consecutiveSoftBounces: 0 });
    expect(events[0].payload.diagnostic).toContain('User unknown');
    const row = await delivery.app.get<Model<Delivery>>(getModelToken(Delivery.name)).findById(events[0].payload.deliveryId).lean<Delivery>();
    expect(row?.feedback).toEqual([expect.objectContaining({ kind: 'bounce', hard: true })]);

    expect(await subscribe(email)).toEqual({ status: 'accepted' });
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
    expect(eventsAbout(bounced, email)).toHaveLength(1);
  });

  it('refuses at RCPT every address but a return path it signed', async () => {
    const email = run.email('rcpt');
    expect(await subscribe(email)).toEqual({ status: 'accepted' });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const token = /^bounces\+([a-z2-7]+)@/.exec(returnPathOf(message))![1];
    const forged = token.slice(0, -1) + (token.endsWith('a') ? 'b' : 'a');
    for (const to of [`bounces+${forged}@${BOUNCE_DOMAIN}`, `postmaster@${BOUNCE_DOMAIN}`, `bounces+${token}@other.example`]) {
      await expect(sendReport(to, report('postfix-user-unknown.eml', message, email))).rejects.toMatchObject({ responseCode: 550 });
    }
  });

  it('turns an ARF complaint into a complaint event and a "complaint" suppression', async () => {
    const email = run.email('complains');
    expect(await subscribe(email)).toEqual({ status: 'accepted' });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    await sendReport(returnPathOf(message), report('yahoo-abuse.arf.eml', message, email));
    await waitFor('the address to be suppressed', async () => ((await suppressionOf(email)) === 'complaint' ? true : undefined));
    const [event] = await waitFor('the complaint event', async () => {
      const found = eventsAbout<MessageComplainedPayload>(complained, email);
      return found.length > 0 ? found : undefined;
    });
    expect(event.payload).toMatchObject({ feedbackType: 'abuse', via: 'arf' });
  });

  it('counts soft bounces in a row, restarts after a message got through, and treats the limit as hard', async () => {
    const email = run.email('soft');
    const queue = delivery.app.get<Queue<TransactionalMailJob>>(getQueueToken(MAIL_QUEUES.transactional));
    const streaks = delivery.app.get<Model<SoftBounceStreak>>(getModelToken(SoftBounceStreak.name));
    const sent: MailpitMessage[] = [];
    const send = async () => {
      const job = confirmationJob(email, 'nb');
      await queue.add(job.kind, job, { jobId: `soft-${job.source}` });
      const all = await mailpit.waitForMessagesTo(email, sent.length + 1);
      const fresh = all.find((m) => !sent.some((s) => s.ID === m.ID))!;
      sent.push(fresh);
      return fresh;
    };
    const softBounce = async (message: MailpitMessage, expected: number) => {
      await sendReport(returnPathOf(message), report('gmail-mailbox-full-delayed.eml', message, email));
      return waitFor(`soft bounce event ${expected}`, async () => {
        const found = eventsAbout<MessageBouncedPayload>(bounced, email);
        return found.length >= expected ? found[expected - 1].payload : undefined;
      });
    };
    const sendsSinceBounce = (count: number) =>
      waitFor(`${count} sends counted since the last bounce`, async () => {
        const streak = await streaks.findById(`network-1/${email}`).lean<SoftBounceStreak>();
        return streak?.sendsSinceBounce === count ? true : undefined;
      });

    expect(await softBounce(await send(), 1)).toMatchObject({ hard: false, consecutiveSoftBounces: 1, status: '4.2.2' });
    await send();
    const third = await send();
    await sendsSinceBounce(2);
    // The second message got through (no report about it): the streak starts again at the third.
    expect(await softBounce(third, 2)).toMatchObject({ hard: false, consecutiveSoftBounces: 1 });
    const fourth = await send();
    await sendsSinceBounce(1);
    expect(await softBounce(fourth, 3)).toMatchObject({ hard: true, consecutiveSoftBounces: 2 });
  });

  it('forgets return paths past their retention, and keeps the recent ones', async () => {
    const records = delivery.app.get<Model<ReturnPathRecord>>(getModelToken(ReturnPathRecord.name));
    const record = (id: string, daysAgo: number) => ({
      _id: id,
      deliveryId: `source/${id}@example.test`,
      networkId: 'network-1',
      source: 'source',
      recipient: `${id}@example.test`,
      messageId: `${id}@hub.test`,
      createdAt: new Date(Date.now() - daysAgo * 86_400_000),
    });
    await records.create([record(`old${run.id}`, 61), record(`new${run.id}`, 59)]);
    expect(await delivery.app.get(ReturnPathSweeper).sweep()).toBeGreaterThanOrEqual(1);
    expect(await records.findById(`old${run.id}`)).toBeNull();
    expect(await records.findById(`new${run.id}`)).not.toBeNull();
  });
});
