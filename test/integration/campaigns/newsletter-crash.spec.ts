import { TestRun, waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { GatewayClient } from '../../support/gateway-client';
import { HubProcesses } from '../../support/hub-processes';
import { SmtpSinkProcess } from '../../support/smtp-sink-process';
import { sendToConfirmedSubscribers } from '../../support/newsletter-send';
import { READY_MS, startSlowly } from './start-slowly';

jest.setTimeout(300_000);

const SUBSCRIBERS = 1_500;
const CONCURRENCY = 20;
const [ownerDemo] = DEMO_COORDINATORS;

/**
 * The worst crash of a send: campaigns (mid fan-out) and delivery (mid SMTP) killed with SIGKILL at once, then
 * restarted. At the counting sink afterwards nobody has two copies, and everyone either got one or is counted unknown.
 */
describe('a newsletter send survives SIGKILL of campaigns and delivery', () => {
  const run = new TestRun();
  const hub = new HubProcesses(run);
  const sink = new SmtpSinkProcess();
  // A small window keeps the fan-out going while messages leave, so the kill lands in the middle of both.
  // The killed process's send lease runs out after SEND_LEASE_SECONDS; the restarted one takes the send over then.
  const campaignsEnv = { FANOUT_WINDOW: '100', FANOUT_PAGE_SIZE: '50', SEND_SWEEP_INTERVAL_SECONDS: '1', SEND_LEASE_SECONDS: '5' };
  const deliveryEnv = { UNKNOWN_AFTER_SECONDS: '10', UNKNOWN_SWEEP_INTERVAL_SECONDS: '2', BULK_RATE_PER_SECOND: '300', BULK_CONCURRENCY: String(CONCURRENCY) };

  beforeAll(async () => {
    await sink.start();
  });

  afterAll(async () => {
    await hub.stopAll();
    sink.stop();
    await run.cleanup();
  });

  it('sends nobody two copies and accounts for everyone', async () => {
    await startSlowly(hub, ['gateway', 'audience'], { SMTP_URL: sink.smtpUrl });
    await startSlowly(hub, ['campaigns'], { SMTP_URL: sink.smtpUrl, ...campaignsEnv });
    await startSlowly(hub, ['delivery'], { SMTP_URL: sink.smtpUrl, ...deliveryEnv });
    const owner = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
    const id = await sendToConfirmedSubscribers(run, owner, { name: 'Krasch', count: SUBSCRIBERS, emailOf: (i) => `k${i}.${run.id}@sink.test` });

    await waitFor('a third of the copies at the sink', async () => ((await sink.stats()).accepted >= SUBSCRIBERS / 3 ? true : undefined), { timeoutMs: 180_000, intervalMs: 100 }).catch(
      async (error: Error) => {
        const progress = await (await owner.request('GET', `/api/v1/newsletters/${id}/progress`)).text();
        throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}; progress ${progress}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
      },
    );
    const [campaigns, delivery] = await Promise.all([hub.kill('campaigns', 'SIGKILL'), hub.kill('delivery', 'SIGKILL')]);
    expect([campaigns.signal, delivery.signal]).toEqual(['SIGKILL', 'SIGKILL']);
    expect((await sink.stats()).accepted).toBeLessThan(SUBSCRIBERS);
    hub.spawn('campaigns', { SMTP_URL: sink.smtpUrl, ...campaignsEnv });
    hub.spawn('delivery', { SMTP_URL: sink.smtpUrl, ...deliveryEnv });
    await Promise.all([hub.waitReady('campaigns', READY_MS), hub.waitReady('delivery', READY_MS)]);

    const progress = await waitFor(
      'the send to complete',
      async () => {
        const answer = (await (await owner.request('GET', `/api/v1/newsletters/${id}/progress`)).json()) as { state: string; recipients: number; sent: number; unknown: number };
        return answer.state === 'completed' ? answer : undefined;
      },
      { timeoutMs: 180_000, intervalMs: 1_000 },
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}\n${hub.logs('campaigns')}\n${hub.logs('delivery')}`);
    });
    const stats = await sink.stats();
    expect(stats.duplicates).toBe(0);
    expect(progress.recipients).toBe(SUBSCRIBERS);
    // An unknown is a copy whose SMTP call was cut off: it may or may not have arrived, and it is never sent again.
    expect(stats.recipients).toBeLessThanOrEqual(SUBSCRIBERS);
    expect(stats.recipients + progress.unknown).toBeGreaterThanOrEqual(SUBSCRIBERS);
    // No more unknowns than copies the killed worker had in its hands.
    expect(progress.unknown).toBeLessThanOrEqual(CONCURRENCY);
  });
});
