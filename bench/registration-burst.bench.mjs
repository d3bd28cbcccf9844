// Registration burst: TOTAL registrations (each a new address) for a webinar with SEATS seats, from CLIENTS concurrent
// clients in this process (a second process beside the services), through the gateway's public registration
// endpoint to scheduling on FerretDB, with the whole hub from the build running. Prints confirmed and waitlisted
// (target: exactly SEATS and TOTAL - SEATS), throughput and p50/p99 latency.
//   npm run bench -- registration-burst [total] [clients] [seats]     (default 1000, 50, 100)
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
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
/** CPU seconds a process has used (user + system), from /proc; null once it is gone. */
const cpuSecondsOf = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};
/** The shared stack's processes by name (FerretDB, Kafka's JVM), to account their CPU as well. */
const stackPids = () => {
  const pids = {};
  for (const pid of fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const comm = fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
      if (comm === 'ferretdb') pids.ferretdb = Number(pid);
      if (comm === 'java' && fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('kafka')) pids.kafka = Number(pid);
    } catch {
      // gone meanwhile
    }
  }
  return pids;
};
/** The whole machine's busy CPU seconds (every core), so that other load during the burst shows. */
const machineBusySeconds = () => {
  const [user, nice, system, , , irq, softirq, steal] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  return (user + nice + system + irq + softirq + steal) / 100;
};
/**
 * FerretDB's own count of the commands it answered, by command (its debug endpoint): what the burst cost it in round
 * trips. The whole server's, so anything else using the stack at the time counts too.
 */
const ferretCommands = async () => {
  try {
    const text = await (await fetch(`http://127.0.0.1:${process.env.FERRETDB_DEBUG_PORT || 8088}/debug/metrics`)).text();
    return Object.fromEntries([...text.matchAll(/^ferretdb_client_requests_total\{command="(\w+)"[^}]*\} (\d+)$/gm)].map(([, command, count]) => [command, Number(count)]));
  } catch {
    return {};
  }
};
/**
 * The clients' POST: node:http over kept-alive connections, one per client, like browsers that stay on the page.
 * (fetch cost this process 2.5 ms of CPU per request, taken from the same 2 cores as the services.)
 */
const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS });
const post = (url, body) =>
  new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } }, (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => resolve({ status: response.statusCode, text: Buffer.concat(chunks).toString('utf8') }));
    });
    request.on('error', reject);
    request.end(payload);
  });
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
  const servicePids = { ...Object.fromEntries(Object.entries(hub.services).map(([name, service]) => [name, service.child.pid])), ...stackPids() };
  const cpuBefore = Object.fromEntries(Object.entries(servicePids).map(([name, pid]) => [name, cpuSecondsOf(pid)]));
  const machineBefore = machineBusySeconds();
  const commandsBefore = await ferretCommands();
  const clientCpuBefore = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < TOTAL) {
        const i = next++;
        const before = performance.now();
        try {
          const response = await post(path, { name: `Person ${i}`, email: `p${i}-${run}@burst.bench`, language: 'sv', consent: true });
          const body = JSON.parse(response.text);
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
  const cpuSeconds = Object.fromEntries(Object.entries(servicePids).map(([name, pid]) => [name, Number((cpuSecondsOf(pid) - cpuBefore[name]).toFixed(2))]));
  const clientCpu = process.cpuUsage(clientCpuBefore);
  cpuSeconds['bench client'] = Number(((clientCpu.user + clientCpu.system) / 1e6).toFixed(2));
  cpuSeconds.machine = Number((machineBusySeconds() - machineBefore).toFixed(2));
  const commandsAfter = await ferretCommands();
  const ferretdbCommands = Object.fromEntries(
    Object.entries(commandsAfter).map(([command, count]) => [command, count - (commandsBefore[command] ?? 0)]).filter(([command, count]) => count > 0 && ['find', 'insert', 'update', 'delete', 'aggregate', 'count'].includes(command)),
  );
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
    // CPU used during the burst, per service and by the whole machine (at most cores × seconds).
    cpuSeconds,
    ferretdbCommands,
    loadAverage: fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number),
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
    ['CPU in the burst', `${Object.entries(cpuSeconds).map(([name, value]) => `${name} ${value} s`).join(', ')} (of ${(os.availableParallelism() * seconds).toFixed(1)} s on ${os.availableParallelism()} cores)`],
    ['FerretDB commands', `${Object.entries(ferretdbCommands).map(([command, count]) => `${command} ${count}`).join(', ')} (the whole server's, in the burst)`],
    ['load average', figures.loadAverage.join(' ')],
    ...failures.map((failure, i) => [`failure ${i + 1}`, failure]),
  ]);
} finally {
  await hub.stop();
  await sink.stop?.();
  await cleanup(urls, prefix);
}
process.exit(0);
