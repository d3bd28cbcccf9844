// Registration burst: TOTAL registrations (each a new address) for a webinar with SEATS seats, from CLIENTS concurrent
// clients in this process (a second process beside the services), through the gateway's public registration
// endpoint to scheduling on FerretDB, with the whole hub from the build running. Prints confirmed and waitlisted
// (target: exactly SEATS and TOTAL - SEATS), throughput and p50/p99 latency.
//   npm run bench -- registration-burst [total] [clients] [seats]     (default 1000, 50, 100)
import { randomUUID } from 'node:crypto';
import { benchEnv, build, cleanup, percentiles, printTable, sampleRss, stack, startHub, startSink, writeResult } from './support/bench-kit.mjs';

const TOTAL = Number(process.argv[2] ?? 1000);
const CLIENTS = Number(process.argv[3] ?? 50);
const SEATS = Number(process.argv[4] ?? 100);
const NETWORK = { id: '5308cfeb-3a0f-4a1b-9d60-1a5fa3df4f66', slug: 'klimatkommunerna' };

build();
const urls = await stack();
// Confirmation and waitlist emails go to a counting sink, not to Mailpit.
const sink = await startSink();
const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl });
const hub = await startHub(urls, env, { DEMO_DATA: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000000', SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '10000000' });
const internal = (method, path, body) =>
  fetch(`${hub.url('scheduling')}/internal/networks/${NETWORK.id}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-internal-secret': env.INTERNAL_API_SECRET },
    body: body && JSON.stringify(body),
  });

try {
  // The event is set up through scheduling's internal API (what the gateway calls for a coordinator); only the burst
  // is measured, and it goes through the gateway like a participant's browser.
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const created = await internal('POST', '/network-events', {
    kind: 'webinar',
    title: { sv: 'Belastningsprov' },
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3_600_000).toISOString(),
    timeZone: 'Europe/Stockholm',
    joinUrl: 'https://meet.example/bench',
    organiser: { name: 'Bench', email: 'bench@network.example' },
    capacity: SEATS,
  });
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id: eventId } = await created.json();
  const published = await internal('POST', `/network-events/${eventId}/transitions`, { to: 'published' });
  if (published.status !== 200) throw new Error(`publish answered ${published.status}: ${await published.text()}`);
  const path = `${hub.url('gateway')}/api/v1/networks/${NETWORK.slug}/events/${eventId}/registrations`;
  // The demo network is seeded at start-up; wait until the gateway knows it.
  for (let tries = 0; ; tries++) {
    const response = await fetch(`${hub.url('gateway')}/api/v1/networks/${NETWORK.slug}/events/${eventId}`);
    if (response.status === 200) break;
    if (tries > 120) throw new Error(`the event answers ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }

  const rss = sampleRss({ gateway: hub.services.gateway.child.pid, scheduling: hub.services.scheduling.child.pid });
  const run = randomUUID().slice(0, 8);
  const latencies = [];
  const outcomes = { confirmed: 0, waitlisted: 0, other: 0 };
  const failures = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const before = performance.now();
        try {
          const response = await fetch(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ name: `Person ${i}`, email: `p${i}-${run}@burst.bench`, language: 'sv', consent: true }),
          });
          const body = await response.json();
          latencies.push(performance.now() - before);
          if (response.status === 200 && (body.status === 'confirmed' || body.status === 'waitlisted')) outcomes[body.status]++;
          else (outcomes.other++, failures.length < 5 && failures.push(`${response.status} ${JSON.stringify(body).slice(0, 200)}`));
        } catch (error) {
          outcomes.other++;
          if (failures.length < 5) failures.push(String(error));
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const peaks = rss.stop();
  // What is stored, not only what was answered.
  const stored = await (await internal('GET', `/network-events/${eventId}`)).json();
  const { p50, p99, max } = percentiles(latencies);
  const figures = {
    total: TOTAL,
    clients: CLIENTS,
    seats: SEATS,
    confirmed: outcomes.confirmed,
    waitlisted: outcomes.waitlisted,
    failed: outcomes.other,
    stored: { seatsTaken: stored.seatsTaken, waitlisted: stored.waitlisted },
    seconds: Number(seconds.toFixed(2)),
    perSecond: Number((TOTAL / seconds).toFixed(1)),
    latencyMs: { p50: Math.round(p50), p99: Math.round(p99), max: Math.round(max) },
    peakRssMb: peaks,
    failures,
  };
  writeResult('registration-burst', figures, {
    figure: `${figures.perSecond}/s, p99 ${figures.latencyMs.p99} ms; stored ${stored.seatsTaken} seats, ${stored.waitlisted} waitlisted`,
    target: `at least 300/s, p99 under 400 ms, exactly ${SEATS} seats`,
    met: figures.perSecond >= 300 && figures.latencyMs.p99 < 400 && stored.seatsTaken === SEATS && stored.waitlisted === TOTAL - SEATS,
  });
  printTable(`Registration burst through the gateway: ${TOTAL} registrations, ${CLIENTS} clients, ${SEATS} seats`, [
    ['answered', `${figures.confirmed} confirmed, ${figures.waitlisted} waitlisted, ${figures.failed} failed`],
    ['stored', `${stored.seatsTaken} seats taken, ${stored.waitlisted} waitlisted`],
    ['throughput', `${figures.perSecond} registrations/s (${figures.seconds} s)`],
    ['latency', `p50 ${figures.latencyMs.p50} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`],
    ['peak RSS', `gateway ${peaks.gateway} MB, scheduling ${peaks.scheduling} MB`],
    ...failures.map((failure, i) => [`failure ${i + 1}`, failure]),
  ]);
} finally {
  await hub.stop();
  await sink.stop?.();
  await cleanup(urls, prefix);
}
process.exit(0);
