import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { generateKeyPairSync } from 'node:crypto';
import { loadConfig } from '@hub/config';
import { BulkMailJob, MAIL_QUEUES, TransactionalMailJob } from '@hub/contracts';
import { MailpitClient, TestRun } from '@hub/testing';
import { deliveryConfigSchema } from '../../../apps/delivery/src/delivery.config';
import { DeliveryModule } from '../../../apps/delivery/src/delivery.module';
import { CampaignsStandIn } from '../../support/campaigns-stand-in';
import { InProcessApp, startInProcess } from '../../support/in-process-app';
import { confirmationJob, newsletterJob } from '../../support/mail-jobs';
import { dkimProblem } from './dkim-verifier';

jest.setTimeout(120_000);

/** Outgoing mail carries a DKIM-Signature that verifies against the public key (as published in DNS) after Mailpit received it. */
describe('delivery: DKIM signing', () => {
  const run = new TestRun();
  const mailpit = new MailpitClient(run.stack.mailpitUrl);
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const campaigns = new CampaignsStandIn('test-internal-api-secret-of-32-chars-or-more');
  let delivery: InProcessApp;

  beforeAll(async () => {
    await campaigns.start();
    // Escaped newlines, the way a key reaches an environment variable that cannot hold real ones.
    const escapedPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString().replace(/\n/g, '\\n');
    delivery = await startInProcess(
      DeliveryModule.forRoot(loadConfig(deliveryConfigSchema, run.env({ DKIM_DOMAIN: 'hub.test', DKIM_SELECTOR: 'hub2026', DKIM_PRIVATE_KEY: escapedPem, CAMPAIGNS_URL: campaigns.url }))),
    );
  });

  afterAll(async () => {
    await delivery?.close();
    await campaigns.stop();
    await run.cleanup();
  });

  it('signs a message so that the signature verifies, and fails to verify once the message is changed', async () => {
    const email = run.email('dkim');
    const job = confirmationJob(email, 'da');
    await delivery.app.get<Queue<TransactionalMailJob>>(getQueueToken(MAIL_QUEUES.transactional)).add(job.kind, job, { jobId: `dkim-${job.source}` });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const raw = await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${message.ID}/raw`)).text();
    expect(raw).toMatch(/^DKIM-Signature: .*d=hub\.test;.*s=hub2026;/ms);
    expect(dkimProblem(raw, publicPem)).toBeNull();

    expect(dkimProblem(raw.replace(/^(Subject: .*)$/m, '$1 (forwarded)'), publicPem)).toBe('signature does not verify');
    const split = raw.indexOf('\r\n\r\n') + 4;
    expect(dkimProblem(raw.slice(0, split) + raw.slice(split).replace(/[A-Za-z]/, 'X'), publicPem)).toBe('body hash does not match');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(dkimProblem(raw, other)).toBe('signature does not verify');
  });

  it('signs a newsletter copy, whose bodies go to nodemailer already encoded, so that the signature verifies', async () => {
    const email = run.email('dkim-newsletter');
    const sendId = `send-${run.id}`;
    campaigns.states.set(sendId, 'sending');
    const job = newsletterJob(email, sendId, `net-${run.id}`);
    await delivery.app.get<Queue<BulkMailJob>>(getQueueToken(MAIL_QUEUES.bulk)).add(job.kind, job, { jobId: `dkim-${sendId}` });
    const [message] = await mailpit.waitForMessagesTo(email, 1);
    const raw = await (await fetch(`${run.stack.mailpitUrl}/api/v1/message/${message.ID}/raw`)).text();
    expect(raw).toContain('Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable');
    expect(dkimProblem(raw, publicPem)).toBeNull();
  });
});
