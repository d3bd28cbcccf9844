import { DEMO_COORDINATORS } from '../../apps/gateway/src/coordinators/demo-coordinators.seeder';
import { waitFor } from '@hub/testing';
import { GatewayClient } from '../support/gateway-client';
import { inPool, publishedEvent } from '../integration/scheduling/scheduling-fixtures';
import { ChaosHub } from './support/chaos-hub';
import { checkDatabases, degradeDatabase, diagnosis, faultGate, recordFault, restartPart, sized } from './support/chaos';

jest.setTimeout(900_000);

const PEOPLE = sized(300, 1_000);
const SEATS = PEOPLE / 10;
const CLIENTS = 20;
const DOWN_MS = 3_000;
const RETRY_FOR_MS = 120_000;
const DEGRADED_MS = 15_000;

interface Answer {
  registrationId: string;
  status: string;
}

/**
 * A registration burst for a webinar (ten people per seat) through the gateway while something breaks a third of the
 * way through. Clients do what browsers and people do: retry a failed request until it is answered. Afterwards:
 * exactly as many confirmed as there are seats, nobody registered twice, and every registration that was answered
 * is stored. A failed attempt is answered 503 (the database full, read-only or away, the service restarting), never
 * 500 or 502; afterwards every database passes SQLite's integrity check.
 */
describe('registration burst under faults', () => {
  const hub = new ChaosHub();
  const limits = { PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000', SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '1000000' };

  beforeAll(() => hub.start([['gateway', 'scheduling']], { gateway: limits, scheduling: limits }));

  afterAll(() => hub.stop());

  // `landed`: called by the stack faults once in effect, to let the held half of the burst go (see faultGate).
  const faults: Array<{ fault: string; inject: (landed: () => void) => Promise<void> }> = [
    { fault: 'SIGKILL scheduling', inject: () => hub.killAndRestart('scheduling') },
    { fault: 'SIGKILL gateway', inject: () => hub.killAndRestart('gateway') },
    { fault: 'restart FerretDB', inject: (landed) => restartPart('ferretdb', DOWN_MS, { down: landed }) },
    { fault: 'restart Kafka', inject: (landed) => restartPart('kafka', DOWN_MS, { down: landed }) },
    // The gateway counts its rate limits in Redis.
    { fault: 'restart Redis', inject: (landed) => restartPart('redis', DOWN_MS, { down: landed }) },
    { fault: 'database read-only (15 s)', inject: (landed) => degradeDatabase('mode=ro', DEGRADED_MS, landed) },
    { fault: 'database full (15 s)', inject: (landed) => degradeDatabase('_pragma=max_page_count(1)', DEGRADED_MS, landed) },
  ];

  it.each(faults)('$fault: seats exact, nobody twice, nothing answered is lost', async ({ fault, inject }) => {
    const scenario = await hub.scenario();
    const owner = new GatewayClient(hub.url('gateway'));
    expect((await owner.signIn(DEMO_COORDINATORS[0].email, DEMO_COORDINATORS[0].password)).status).toBe(200);
    const { slug } = (await (await owner.request('GET', '/api/v1/network')).json()) as { slug: string };
    const eventId = await publishedEvent(owner, { capacity: SEATS });

    let answered = 0;
    let unclear = 0;
    let refused = 0;
    const gate = faultGate(!fault.startsWith('SIGKILL'));
    let faultEndedAt: number | undefined;
    let firstAnswerAfterFault: number | undefined;
    const register = async (i: number): Promise<Answer> => {
      if (i >= PEOPLE / 2) await gate.reached;
      const deadline = Date.now() + RETRY_FOR_MS;
      let last = 'no answer';
      for (;;) {
        const response = await fetch(`${hub.url('gateway')}/api/v1/networks/${slug}/events/${eventId}/registrations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i % 250}.${Math.floor(i / 250)}` },
          body: JSON.stringify({ name: `Deltaker ${i}`, email: scenario.email(`p${i}`), consent: true }),
        }).catch(() => undefined);
        if (response?.status === 200) {
          answered += 1;
          if (faultEndedAt !== undefined) firstAnswerAfterFault ??= Date.now();
          return (await response.json()) as Answer;
        }
        if (response && response.status < 500) throw new Error(`registration ${i}: ${response.status} ${await response.text()}`);
        if (response) last = `${response.status} ${await response.text()}`;
        if (response?.status === 503) refused += 1;
        if (response?.status === 500 || response?.status === 502) {
          unclear += 1;
          process.stdout.write(`registration ${i} answered ${last}\n`);
        }
        if (Date.now() > deadline) {
          throw new Error(`registration ${i}: not answered within ${RETRY_FOR_MS} ms; last: ${last}\n${await diagnosis(hub.processes, ['gateway', 'scheduling'])}`);
        }
        await new Promise((done) => setTimeout(done, 250));
      }
    };

    const burst = inPool(CLIENTS, Array.from({ length: PEOPLE }, (_, i) => () => register(i)));
    await waitFor('a third of the burst answered', () => (answered >= PEOPLE / 3 ? true : undefined), { timeoutMs: 300_000 });
    await inject(gate.landed);
    faultEndedAt = Date.now();
    const answers = await burst;
    const recoveredInS = firstAnswerAfterFault === undefined ? null : (firstAnswerAfterFault - faultEndedAt) / 1000;

    const stored = ((await (await owner.request('GET', `/api/v1/network-events/${eventId}/registrations`)).json()) as {
      items: Array<{ id: string; email: string; status: string }>;
    }).items;
    const storedIds = new Set(stored.map((r) => r.id));
    const lost = answers.filter((a) => !storedIds.has(a.registrationId)).length;
    const perEmail = new Map<string, number>();
    for (const r of stored) perEmail.set(r.email, (perEmail.get(r.email) ?? 0) + 1);
    const duplicated = [...perEmail.values()].filter((n) => n > 1).length;
    const confirmed = stored.filter((r) => r.status === 'confirmed').length;
    const { checked, corrupt } = await checkDatabases(hub.run);
    // What a 500 or 502 was about: the services' own error lines.
    if (unclear > 0) process.stdout.write(`${(['gateway', 'scheduling'] as const).flatMap((name) => hub.processes.errorLogs(name).slice(-5)).join('\n')}\n`);
    recordFault({ fault, during: 'registration burst', work: PEOPLE, lost, duplicated, unknown: 0, recoveredInS, detail: [unclear > 0 && `${unclear} answered 500/502`, refused > 0 && `${refused} answered 503, retried`].filter(Boolean).join('; ') || undefined });
    expect({ lost, duplicated, confirmed, stored: stored.length, unclear, corrupt }).toEqual({ lost: 0, duplicated: 0, confirmed: SEATS, stored: PEOPLE, unclear: 0, corrupt: {} });
    expect(checked).toBeGreaterThanOrEqual(2);
    // The fault was met: registrations were refused with 503 while the database could not take writes.
    if (fault.startsWith('database')) expect(refused).toBeGreaterThan(0);
  });
});
