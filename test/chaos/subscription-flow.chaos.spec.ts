import { DEMO_MAILING_LISTS, DEMO_NETWORKS } from '@hub/demo-data';
import { waitFor } from '@hub/testing';
import { inPool } from '../integration/scheduling/scheduling-fixtures';
import { SmtpSinkProcess } from '../support/smtp-sink-process';
import { ChaosHub } from './support/chaos-hub';
import { accountedFor, checkDatabases, degradeDatabase, deliveryLogStatuses, faultGate, missingOutcome, recordFault, restartPart, secondsUntilProgress, sized } from './support/chaos';

jest.setTimeout(900_000);

const PEOPLE = sized(300, 2_000);
const CLIENTS = 10;
const DOWN_MS = 3_000;
const RETRY_FOR_MS = 120_000;
// Long enough that every retry budget shorter than it (Kafka handler attempts, BullMQ's first backoffs) runs out.
const DEGRADED_MS = 15_000;
const network = DEMO_NETWORKS.find((n) => n.slug === 'klimatkommunerna')!;
const list = DEMO_MAILING_LISTS.find((l) => l.networkId === network.id)!;

/**
 * Sign-ups through every service (gateway → audience → Kafka → delivery → SMTP) while one part breaks a third of
 * the way through. Clients retry what was not answered. Afterwards each accepted sign-up has exactly one
 * confirmation email at the sink, or is marked unknown in delivery's log. While the database is full or read-only,
 * a sign-up is answered with a clear 503 (never a 500 or 502), and afterwards every database passes SQLite's
 * integrity check.
 */
describe('subscription flow under faults', () => {
  const sink = new SmtpSinkProcess();
  const hub = new ChaosHub();

  beforeAll(async () => {
    await sink.start();
    const env = {
      SMTP_URL: sink.smtpUrl,
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '1000000',
      UNKNOWN_AFTER_SECONDS: '10',
      UNKNOWN_SWEEP_INTERVAL_SECONDS: '2',
    };
    await hub.start([['gateway', 'audience', 'delivery']], { gateway: env, audience: env, delivery: env });
  });

  afterAll(async () => {
    await hub.stop();
    await sink.stop();
  });

  // `landed`: called by the database faults once in effect, to let the held half of the burst go (see faultGate).
  const faults: Array<{ fault: string; inject: (landed: () => void) => Promise<void> }> = [
    { fault: 'restart Kafka', inject: () => restartPart('kafka', DOWN_MS) },
    { fault: 'SIGKILL audience', inject: () => hub.killAndRestart('audience') },
    { fault: 'SIGKILL delivery', inject: () => hub.killAndRestart('delivery') },
    { fault: 'restart Redis', inject: () => restartPart('redis', DOWN_MS) },
    { fault: 'database read-only (15 s)', inject: (landed) => degradeDatabase('mode=ro', DEGRADED_MS, landed) },
    { fault: 'database full (15 s)', inject: (landed) => degradeDatabase('_pragma=max_page_count(1)', DEGRADED_MS, landed) },
  ];

  it.each(faults)('$fault: one confirmation per accepted sign-up, never two', async ({ fault, inject }) => {
    const scenario = await hub.scenario();
    try {
      const emails = Array.from({ length: PEOPLE }, (_, i) => scenario.email(`s${i}`));
      let accepted = 0;
      const answers: Record<string, number> = {};
      const gate = faultGate(fault.startsWith('database'));
      const subscribe = async (i: number): Promise<void> => {
        if (i >= PEOPLE / 2) await gate.reached;
        const deadline = Date.now() + RETRY_FOR_MS;
        for (;;) {
          const response = await fetch(`${hub.url('gateway')}/api/v1/networks/${network.slug}/subscriptions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.2.${i % 250}.${Math.floor(i / 250)}` },
            body: JSON.stringify({ email: emails[i], name: `Medlem ${i}`, language: 'sv', listIds: [list.id] }),
          }).catch(() => undefined);
          if (response?.status === 202) {
            accepted += 1;
            return;
          }
          const answer = response ? String(response.status) : 'no answer';
          answers[answer] = (answers[answer] ?? 0) + 1;
          if (response && response.status < 500) throw new Error(`subscribe ${i}: ${response.status} ${await response.text()}`);
          if (Date.now() > deadline) throw new Error(`subscribe ${i}: not accepted within ${RETRY_FOR_MS} ms (last answer ${answer}; all retried answers ${JSON.stringify(answers)})`);
          await new Promise((done) => setTimeout(done, 250));
        }
      };
      const burst = inPool(CLIENTS, emails.map((_, i) => () => subscribe(i)));
      await waitFor('a third accepted', () => (accepted >= PEOPLE / 3 ? true : undefined), { timeoutMs: 300_000 });
      await inject(gate.landed);

      const mine = async () => Object.entries(await sink.recipients()).filter(([r]) => scenario.owns(r));
      const everyoneAccountedFor = async () => accountedFor(hub.run, emails, new Set((await mine()).map(([r]) => r)));
      const recoveredInS = await secondsUntilProgress(async () => (await mine()).length, everyoneAccountedFor);
      await burst;
      await waitFor('a confirmation or an unknown for everyone', async () => ((await everyoneAccountedFor()) ? true : undefined), { timeoutMs: 300_000, intervalMs: 250 }).catch(
        () => undefined,
      );
      const received = Object.fromEntries(await mine());
      const duplicated = emails.filter((e) => (received[e] ?? 0) > 1).length;
      const { lost, unknown, detail } = missingOutcome(emails.filter((e) => !received[e]), await deliveryLogStatuses(hub.run));
      const { checked, corrupt } = await checkDatabases(hub.run);
      const unclear = (answers['500'] ?? 0) + (answers['502'] ?? 0);
      const answered = Object.keys(answers).length > 0 ? `retried answers ${JSON.stringify(answers)}` : undefined;
      recordFault({ fault, during: 'sign-ups', work: PEOPLE, lost, duplicated, unknown, recoveredInS, detail: [detail, answered].filter(Boolean).join('; ') || undefined });
      // What a 500 or 502 was about: the services' own error lines.
      if (unclear > 0) process.stdout.write(`${(['gateway', 'audience'] as const).flatMap((name) => hub.processes.errorLogs(name).slice(-5)).join('\n')}\n`);
      expect({ lost, duplicated, unclear, corrupt }).toEqual({ lost: 0, duplicated: 0, unclear: 0, corrupt: {} });
      expect(checked).toBeGreaterThanOrEqual(3);
      // The fault was met: sign-ups were refused with 503 while the database could not take writes.
      if (fault.startsWith('database')) expect(answers['503'] ?? 0).toBeGreaterThan(0);
    } catch (error) {
      // What the services said about it: CI keeps only the output of a failed run.
      for (const name of ['gateway', 'audience', 'delivery'] as const) {
        process.stdout.write(`${fault} failed; ${name}'s last error lines:\n${hub.processes.errorLogs(name).slice(-8).join('\n')}\nand last lines:\n${hub.processes.logs(name)}\n`);
      }
      throw error;
    }
  });
});
