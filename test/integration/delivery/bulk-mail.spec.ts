import { getQueueToken } from '@nestjs/bullmq';
import { getModelToken } from '@nestjs/mongoose';
import type { Queue } from 'bullmq';
import type { Model } from 'mongoose';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '@hub/config';
import { BulkMailJob, MAIL_QUEUES, NewsletterContent, SuppressionReason, TransactionalMailJob } from '@hub/contracts';
import { EventFactory, EventPublisher } from '@hub/messaging';
import { MailpitClient, TestRun, waitFor } from '@hub/testing';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { Delivery } from '../../../apps/delivery/src/delivery-log/delivery.schema';
import { StaleClaimsSweeper } from '../../../apps/delivery/src/delivery-log/stale-claims.sweeper';
import { SenderIdentity } from '../../../apps/delivery/src/sender-identities/sender-identity.schema';
import { SuppressedAddress } from '../../../apps/delivery/src/suppressions/suppressed-address.schema';
import { SuppressionRepository } from '../../../apps/delivery/src/suppressions/suppression.repository';
import { CampaignsStandIn } from '../../support/campaigns-stand-in';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { confirmationJob, newsletterJob as newsletterCopy } from '../../support/mail-jobs';

jest.setTimeout(120_000);

const SECRET = 'test-internal-api-secret-of-32-chars-or-more';

/** Newsletters through the bulk queue on the real stack, with the suppression and sender read models fed by Kafka. */
describe('delivery: bulk mail', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const campaigns = new CampaignsStandIn(SECRET);
  const networkId = `net-${run.id}`;
  let delivery: InProcessApp;
  let bulk: Queue<BulkMailJob>;
  let transactional: Queue<TransactionalMailJob>;
  let deliveries: Model<Delivery>;

  beforeAll(async () => {
    await campaigns.start();
    delivery = await startInProcess(
      DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env({ CAMPAIGNS_URL: campaigns.url, NEWSLETTER_CONTENT_CACHE_MS: '200', UNKNOWN_AFTER_SECONDS: '60' }))),
    );
    bulk = delivery.app.get(getQueueToken(MAIL_QUEUES.bulk));
    transactional = delivery.app.get(getQueueToken(MAIL_QUEUES.transactional));
    deliveries = delivery.app.get(getModelToken(Delivery.name));
  });

  afterAll(async () => {
    await delivery?.close();
    await campaigns.stop();
    await run.cleanup();
  });

  const publish = async (type: Parameters<EventFactory['create']>[0], payload: unknown, key: string = randomUUID()) => {
    const event = delivery.app.get(EventFactory).create(type, { networkId, key, payload } as never);
    await delivery.app.get(EventPublisher).publish([event]);
    return event;
  };

  const newsletterJob = (recipient: string, source: string) => newsletterCopy(recipient, source, networkId);

  const newSend = (state: NewsletterContent['state'] = 'sending') => {
    const sendId = `send-${randomUUID()}`;
    campaigns.states.set(sendId, state);
    return sendId;
  };

  const outcomeOf = async (queue: Queue, data: BulkMailJob | TransactionalMailJob, jobId: string) => {
    await queue.add(data.kind, data as never, { jobId });
    return waitFor(`job ${jobId} to finish`, async () => {
      const job = await queue.getJob(jobId);
      // Bulk jobs are removed on completion; the delivery log and the summary say what happened.
      if (!job) return 'removed';
      return job.returnvalue ?? undefined;
    });
  };

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Json = any;
  const json = async (response: Response | Promise<Response>): Promise<Json> => (await response).json();
  const summary = async (source: string, secret = SECRET) =>
    fetch(`${delivery.url}/internal/sources/${encodeURIComponent(source)}/summary`, { headers: { 'x-internal-secret': secret } });

  const suppress = async (email: string, reason: SuppressionReason | null) => {
    const payload = { email, emailHash: `hash-${email}` };
    await publish(reason ? 'audience.suppression.added' : 'audience.suppression.removed', reason ? { ...payload, reason } : payload);
    const model = delivery.app.get<Model<SuppressedAddress>>(getModelToken(SuppressedAddress.name));
    await waitFor('the suppression read model', async () => {
      const row = await model.findById(SuppressionRepository.idOf(networkId, email)).lean<SuppressedAddress>();
      return row && row.reason === reason ? true : undefined;
    });
  };

  it("sends one newsletter copy with the network's sender, the recipient's links and the list headers", async () => {
    await publish('gateway.network.updated', {
      networkId,
      slug: 'gronne-byer',
      name: 'Grønne Byer "Nord"\r\nBcc: evil@example.test',
      country: 'NO',
      defaultLanguage: 'nb',
      languages: ['nb', 'en'],
      timeZone: 'Europe/Oslo',
      isPublic: true,
      branding: { logoUrl: null, accentColor: '#225522' },
      sender: { fromName: 'Grønne Byer Ålesund', fromAddress: 'post@gronne-byer.example', replyTo: 'sekretariat@gronne-byer.example', postalAddress: 'Gate 1' },
      revision: 2,
    }, networkId);
    const identities = delivery.app.get<Model<SenderIdentity>>(getModelToken(SenderIdentity.name));
    await waitFor('the sender identity read model', async () => ((await identities.findById(networkId).lean()) ? true : undefined));
    // An older profile arriving late changes nothing.
    await publish('gateway.network.updated', {
      networkId, slug: 'old', name: 'Old', country: 'NO', defaultLanguage: 'nb', languages: ['nb'], timeZone: 'Europe/Oslo', isPublic: true,
      branding: { logoUrl: null, accentColor: '#000000' },
      sender: { fromName: 'Old', fromAddress: 'old@example.test', replyTo: null, postalAddress: '' },
      revision: 1,
    }, networkId);
    await waitFor('both profiles to be handled', async () => {
      const metrics = await (await fetch(`${delivery.url}/metrics`)).text();
      return /kafka_events_handled_total\{type="gateway\.network\.updated",outcome="applied"\} 2/.test(metrics) ? true : undefined;
    });
    expect(await identities.findById(networkId).lean()).toMatchObject({ version: 2, fromAddress: 'post@gronne-byer.example', slug: 'gronne-byer' });

    const email = run.email('newsletter');
    const sendId = newSend();
    const data = newsletterJob(email, sendId);
    expect(await outcomeOf(bulk, data, `newsletter-${sendId}-a`)).toBe('removed');
    // The same copy queued again (a re-run of the fan-out) finds the claim.
    await outcomeOf(bulk, data, `newsletter-${sendId}-b`);

    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const full = await mailpit.message(message.ID);
    expect(full.Subject).toBe('Nyhetsbrev: grønne byer');
    expect(full.From).toEqual({ Address: 'post@gronne-byer.example', Name: 'Grønne Byer Ålesund' });
    const unsubscribeUrl = 'http://hub.test/unsubscribe/one-click?token=unsub%26token&lang=nb';
    expect(full.HTML).toContain(`href="${unsubscribeUrl.replace('&', '&amp;')}"`);
    expect(full.HTML).toContain('href="http://hub.test/preferences?token=pref%20token%2F1"');
    expect(full.Text).toContain(`Avslutt: ${unsubscribeUrl}`);
    const headers = await mailpit.headers(message.ID);
    expect(headers['List-Unsubscribe']).toEqual([`<${unsubscribeUrl}>`]);
    expect(headers['List-Unsubscribe-Post']).toEqual(['List-Unsubscribe=One-Click']);
    expect(headers['Reply-To']?.[0]).toContain('sekretariat@gronne-byer.example');
    expect(headers['Bcc']).toBeUndefined();
    expect(headers['List-Id']).toHaveLength(1);
    expect(headers['List-Id'][0]).toMatch(/^=\?UTF-8\?Q\?Gr=C3=B8nne.* Bcc evil example test <gronne-byer\.hub\.test>$/);
    const row = await deliveries.findById(`${sendId}/${email}`).lean<Delivery>();
    expect(row?.status).toBe('sent');
    expect(`<${message.MessageID}>`).toBe(row?.messageId);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
    const counts = await json(summary(sendId));
    expect(counts).toEqual({ source: sendId, sent: 1, failed: 0, deferred: 0, unknown: 0, skipped: 1, bounced: 0, complained: 0 });
    expect((await summary(sendId, 'wrong-secret-wrong-secret-wrong-secret')).status).toBe(401);
  });

  it('claims nothing while the send is paused, and sends once it is sending again', async () => {
    const email = run.email('paused');
    const sendId = newSend('paused');
    const data = newsletterJob(email, sendId);
    await outcomeOf(bulk, data, `newsletter-${sendId}-x`);
    await waitFor('the skip to be counted', async () => ((await json(summary(sendId))).skipped === 1 ? true : undefined));
    expect(await deliveries.findById(`${sendId}/${email}`).lean()).toBeNull();

    campaigns.states.set(sendId, 'sending');
    await new Promise((resolve) => setTimeout(resolve, 300));
    // A resume fans out again with the same job id: the completed job was removed, so it runs.
    await outcomeOf(bulk, data, `newsletter-${sendId}-x`);
    await mailpit.waitForMessagesTo(email, 1);
    expect((await deliveries.findById(`${sendId}/${email}`).lean<Delivery>())?.status).toBe('sent');
  });

  it('never sends a newsletter to a suppressed address; transactional mail stops only for bounces, complaints and blocks', async () => {
    const unsubscribed = run.email('unsubscribed');
    const bounced = run.email('bounced');
    await suppress(unsubscribed, 'unsubscribed');
    await suppress(bounced, 'hard-bounce');
    const sendId = newSend();
    await outcomeOf(bulk, newsletterJob(unsubscribed, sendId), `newsletter-${sendId}-u`);
    await outcomeOf(bulk, newsletterJob(bounced, sendId), `newsletter-${sendId}-b`);
    const confirmation = { ...confirmationJob(unsubscribed, 'nb'), networkId };
    const toBounced = { ...confirmationJob(bounced, 'nb'), networkId };
    expect(await outcomeOf(transactional, confirmation, `c-${confirmation.source}`)).toBe('sent');
    expect(await outcomeOf(transactional, toBounced, `c-${toBounced.source}`)).toBe('skipped');
    await mailpit.waitForMessagesTo(unsubscribed, 1);
    await waitFor('the skips to be counted', async () => ((await json(summary(sendId))).skipped === 2 ? true : undefined));
    expect(await deliveries.findById(`${sendId}/${unsubscribed}`).lean()).toBeNull();
    expect(await mailpit.messagesTo(bounced)).toHaveLength(0);

    // Lifted: the next send reaches them.
    await suppress(unsubscribed, null);
    const next = newSend();
    await outcomeOf(bulk, newsletterJob(unsubscribed, next), `newsletter-${next}-u`);
    await mailpit.waitForMessagesTo(unsubscribed, 2);
  });

  it('lists a network\'s unknown deliveries, and a resend asked for twice sends one copy', async () => {
    const email = run.email('unknown');
    const sendId = newSend();
    const data = newsletterJob(email, sendId);
    const id = `${sendId}/${email}`;
    // What a worker killed during its SMTP call leaves behind: a claim still "sending", with its job.
    await deliveries.create({
      _id: id, networkId, source: sendId, recipient: email, queue: MAIL_QUEUES.bulk, kind: 'newsletter', status: 'sending', attempt: 0,
      messageId: '<died@hub.test>', claimedAt: new Date(Date.now() - 5 * 60_000), job: data, outbox: [],
    });
    expect(await delivery.app.get(StaleClaimsSweeper).sweep()).toBeGreaterThanOrEqual(1);
    const internal = (path: string, method = 'GET') => fetch(`${delivery.url}/internal${path}`, { method, headers: { 'x-internal-secret': SECRET } });
    const page = await json(internal(`/networks/${networkId}/deliveries/unknown?limit=50`));
    expect(page.items.map((item: { id: string }) => item.id)).toContain(id);
    expect((await json(internal(`/networks/other-network/deliveries/unknown`))).items).toEqual([]);
    expect((await internal(`/networks/other-network/deliveries/${encodeURIComponent(id)}/resend`, 'POST')).status).toBe(404);

    const first = await internal(`/networks/${networkId}/deliveries/${encodeURIComponent(id)}/resend`, 'POST');
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ id, resentAs: `${id}#resend` });
    expect((await internal(`/networks/${networkId}/deliveries/${encodeURIComponent(id)}/resend`, 'POST')).status).toBe(202);
    await mailpit.waitForMessagesTo(email, 1);
    await waitFor('the resent copy to be logged', async () => ((await deliveries.findById(`${id}#resend`).lean<Delivery>())?.status === 'sent' ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await mailpit.messagesTo(email)).toHaveLength(1);
    const counts = await json(summary(sendId));
    expect(counts).toMatchObject({ unknown: 1, sent: 1 });
    const queues = await json(internal('/queues'));
    expect(Object.keys(queues).sort()).toEqual(['bulk', 'transactional']);
    expect(queues.bulk).toHaveProperty('waiting');
  });
});
