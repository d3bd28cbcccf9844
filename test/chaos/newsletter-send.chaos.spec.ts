import { TestRun, waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { sendToConfirmedSubscribers } from '../support/newsletter-send';
import { GatewayClient } from '../support/gateway-client';
import { HubProcesses } from '../support/hub-processes';
import { SmtpSinkProcess } from '../support/smtp-sink-process';
import { startSlowly, READY_MS } from '../integration/campaigns/start-slowly';
import { deliveryLogStatuses, diagnosis, recordFault, restartPart, secondsUntilProgress, sized } from './support/chaos';

jest.setTimeout(900_000);

const SUBSCRIBERS = sized(1_000, 10_000);
const CONCURRENCY = 20;
const DOWN_MS = 3_000;
const [ownerDemo] = DEMO_COORDINATORS;

interface Progress {
  state: string;
  recipients: number;
  sent: number;
  unknown: number;
}

/**
 * A newsletter in two languages going out to confirmed subscribers while one thing breaks a third of the way: one of
 * the services (SIGKILL: campaigns mid fan-out, delivery mid-send, audience while campaigns reads the recipients,
 * the gateway the coordinator watches), or Redis, FerretDB or Kafka (stopped for three seconds, started again).
 * Afterwards the send is completed, nobody has two copies at the sink, and everybody without one is unknown.
 */
describe('newsletter send under faults', () => {
  const sink = new SmtpSinkProcess();
  // A small fan-out window keeps campaigns adding jobs while delivery sends, so the fault lands in both.
  // A SIGKILLed campaigns' send lease runs out in 5 s, so its successor takes the send over about as soon as it is up.
  const campaignsEnv = { FANOUT_WINDOW: '100', FANOUT_PAGE_SIZE: '50', SEND_SWEEP_INTERVAL_SECONDS: '1', SEND_LEASE_SECONDS: '5' };
  const deliveryEnv = { UNKNOWN_AFTER_SECONDS: '10', UNKNOWN_SWEEP_INTERVAL_SECONDS: '2', BULK_RATE_PER_SECOND: '300', BULK_CONCURRENCY: String(CONCURRENCY) };

  beforeAll(async () => {
    await sink.start();
  });

  afterAll(() => sink.stop());

  const envOf = { gateway: {}, audience: {}, campaigns: campaignsEnv, delivery: deliveryEnv };
  const killAndRestart = async (hub: HubProcesses, name: keyof typeof envOf) => {
    await hub.kill(name, 'SIGKILL');
    hub.spawn(name, { SMTP_URL: sink.smtpUrl, ...envOf[name] });
    await hub.waitReady(name, READY_MS);
  };

  const faults: Array<{ fault: string; inject: (hub: HubProcesses) => Promise<void> }> = [
    ...(['campaigns', 'delivery', 'audience', 'gateway'] as const).map((name) => ({ fault: `SIGKILL ${name}`, inject: (hub: HubProcesses) => killAndRestart(hub, name) })),
    { fault: 'restart Redis', inject: () => restartPart('redis', DOWN_MS) },
    { fault: 'restart FerretDB', inject: () => restartPart('ferretdb', DOWN_MS) },
    { fault: 'restart Kafka', inject: () => restartPart('kafka', DOWN_MS) },
  ];

  it.each(faults)('$fault: the send completes, every copy once or unknown, never twice', async ({ fault, inject }) => {
    const run = new TestRun();
    const hub = new HubProcesses(run);
    try {
      await startSlowly(hub, ['gateway', 'audience'], { SMTP_URL: sink.smtpUrl });
      await startSlowly(hub, ['campaigns'], { SMTP_URL: sink.smtpUrl, ...campaignsEnv });
      await startSlowly(hub, ['delivery'], { SMTP_URL: sink.smtpUrl, ...deliveryEnv });
      const owner = new GatewayClient(hub.url('gateway'));
      expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
      const recipients = Array.from({ length: SUBSCRIBERS }, (_, i) => `n${i}.${run.id}@sink.test`);
      const id = await sendToConfirmedSubscribers(run, owner, { name: 'Kaos', count: SUBSCRIBERS, emailOf: (i) => recipients[i] });

      const mine = async () => Object.keys(await sink.recipients()).filter((r) => r.includes(run.id)).length;
      await waitFor(`a third of ${SUBSCRIBERS} copies at the sink`, async () => ((await mine()) >= SUBSCRIBERS / 3 ? true : undefined), { timeoutMs: 300_000, intervalMs: 250 });
      await inject(hub);

      // The gateway may itself be waiting out the fault: an unanswered poll is not the answer.
      const progress = async (): Promise<Progress | undefined> => {
        const response = await owner.request('GET', `/api/v1/newsletters/${id}/progress`).catch(() => undefined);
        return response?.status === 200 ? ((await response.json()) as Progress) : undefined;
      };
      const stalled = async (error: Error): Promise<never> => {
        throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}; progress ${JSON.stringify(await progress())}\n${await diagnosis(hub, ['campaigns', 'delivery', 'audience'])}`);
      };
      const recoveredInS = await secondsUntilProgress(mine, async () => (await progress())?.state === 'completed').catch(stalled);
      const done = await waitFor('the send to complete', async () => {
        const now = await progress();
        return now?.state === 'completed' ? now : undefined;
      }, { timeoutMs: 600_000, intervalMs: 1_000 }).catch(stalled);

      const statusOf = await deliveryLogStatuses(run);
      const received = await sink.recipients();
      const duplicated = recipients.filter((r) => (received[r] ?? 0) > 1).length;
      const missing = recipients.filter((r) => !received[r]);
      const unknown = recipients.filter((r) => statusOf.get(r) === 'unknown').length;
      const lost = missing.filter((r) => statusOf.get(r) !== 'unknown').length;
      recordFault({ fault, during: 'newsletter send', work: SUBSCRIBERS, lost, duplicated, unknown, recoveredInS });
      expect({ lost, duplicated, recipients: done.recipients }).toEqual({ lost: 0, duplicated: 0, recipients: SUBSCRIBERS });
      // A crash cuts what the workers had in hand; an outage, the sends whose outcome could not be written meanwhile.
      expect(unknown).toBeLessThanOrEqual(fault.startsWith('SIGKILL') ? CONCURRENCY : SUBSCRIBERS / 20);
    } finally {
      await hub.stopAll();
      await run.cleanup();
    }
  });
});
