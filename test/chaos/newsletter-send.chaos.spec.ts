import { waitFor } from '@hub/testing';
import { DEMO_COORDINATORS } from '../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { sendToConfirmedSubscribers } from '../support/newsletter-send';
import { GatewayClient } from '../support/gateway-client';
import { SmtpSinkProcess } from '../support/smtp-sink-process';
import { ChaosHub } from './support/chaos-hub';
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
  const hub = new ChaosHub();

  beforeAll(async () => {
    await sink.start();
    // A small fan-out window keeps campaigns adding jobs while delivery sends, so the fault lands in both.
    // A SIGKILLed campaigns' send lease runs out in 5 s, so its successor takes the send over about as soon as it is up.
    const campaigns = { FANOUT_WINDOW: '100', FANOUT_PAGE_SIZE: '50', SEND_SWEEP_INTERVAL_SECONDS: '1', SEND_LEASE_SECONDS: '5' };
    const delivery = { UNKNOWN_AFTER_SECONDS: '10', UNKNOWN_SWEEP_INTERVAL_SECONDS: '2', BULK_RATE_PER_SECOND: '300', BULK_CONCURRENCY: String(CONCURRENCY) };
    const smtp = { SMTP_URL: sink.smtpUrl };
    await hub.start([['gateway', 'audience'], ['campaigns'], ['delivery']], {
      gateway: smtp,
      audience: smtp,
      campaigns: { ...smtp, ...campaigns },
      delivery: { ...smtp, ...delivery },
    });
  });

  afterAll(async () => {
    await hub.stop();
    await sink.stop();
  });

  const faults: Array<{ fault: string; inject: () => Promise<void> }> = [
    ...(['campaigns', 'delivery', 'audience', 'gateway'] as const).map((name) => ({ fault: `SIGKILL ${name}`, inject: () => hub.killAndRestart(name) })),
    { fault: 'restart Redis', inject: () => restartPart('redis', DOWN_MS) },
    { fault: 'restart FerretDB', inject: () => restartPart('ferretdb', DOWN_MS) },
    { fault: 'restart Kafka', inject: () => restartPart('kafka', DOWN_MS) },
  ];

  it.each(faults)('$fault: the send completes, every copy once or unknown, never twice', async ({ fault, inject }) => {
    const scenario = await hub.scenario();
    const owner = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(ownerDemo.email, ownerDemo.password)).status).toBe(200);
    const recipients = Array.from({ length: SUBSCRIBERS }, (_, i) => scenario.email(`n${i}`));
    const id = await sendToConfirmedSubscribers(hub.run, owner, { name: `Kaos ${scenario.tag}`, count: SUBSCRIBERS, emailOf: (i) => recipients[i] });

    const mine = async () => Object.keys(await sink.recipients()).filter(scenario.owns).length;
    await waitFor(`a third of ${SUBSCRIBERS} copies at the sink`, async () => ((await mine()) >= SUBSCRIBERS / 3 ? true : undefined), { timeoutMs: 300_000, intervalMs: 250 });
    await inject();

    // The gateway may itself be waiting out the fault: an unanswered poll is not the answer.
    const progress = async (): Promise<Progress | undefined> => {
      const response = await owner.request('GET', `/api/v1/newsletters/${id}/progress`).catch(() => undefined);
      return response?.status === 200 ? ((await response.json()) as Progress) : undefined;
    };
    const stalled = async (error: Error): Promise<never> => {
      throw new Error(`${error.message}; sink ${JSON.stringify(await sink.stats())}; progress ${JSON.stringify(await progress())}\n${await diagnosis(hub.processes, ['campaigns', 'delivery', 'audience'])}`);
    };
    const recoveredInS = await secondsUntilProgress(mine, async () => (await progress())?.state === 'completed').catch(stalled);
    const done = await waitFor('the send to complete', async () => {
      const now = await progress();
      return now?.state === 'completed' ? now : undefined;
    }, { timeoutMs: 600_000, intervalMs: 250 }).catch(stalled);

    const statusOf = await deliveryLogStatuses(hub.run);
    const received = await sink.recipients();
    const duplicated = recipients.filter((r) => (received[r] ?? 0) > 1).length;
    const missing = recipients.filter((r) => !received[r]);
    const unknown = recipients.filter((r) => statusOf.get(r) === 'unknown').length;
    const lost = missing.filter((r) => statusOf.get(r) !== 'unknown').length;
    recordFault({ fault, during: 'newsletter send', work: SUBSCRIBERS, lost, duplicated, unknown, recoveredInS });
    expect({ lost, duplicated, recipients: done.recipients }).toEqual({ lost: 0, duplicated: 0, recipients: SUBSCRIBERS });
    // A crash cuts what the workers had in hand; an outage, the sends whose outcome could not be written meanwhile.
    expect(unknown).toBeLessThanOrEqual(fault.startsWith('SIGKILL') ? CONCURRENCY : SUBSCRIBERS / 20);
  });
});
