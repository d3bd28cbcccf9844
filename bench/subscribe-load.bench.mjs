// Public subscribe under load: autocannon, in this process (a second process beside the services), sends RATE
// requests a second for SECONDS seconds, each with a new address, through the gateway to audience (double opt-in:
// contact, consent line and event written per request), with the whole hub from the build running. Prints the
// achieved rate, p50/p99 latency and errors. The gateway's per-IP limits are raised for the run, as every request
// comes from one IP here.
//   npm run bench -- subscribe-load [rate] [seconds] [connections]     (default 300 req/s for 20 s on 100 connections)
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, printTable, sampleRss, stack, startHub, startSink, writeResult } from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const RATE = Number(process.argv[2] ?? 300);
const SECONDS = Number(process.argv[3] ?? 20);
// The most requests in flight at once; autocannon holds the rate only while latency × rate stays below this.
const CONNECTIONS = Number(process.argv[4] ?? 100);
const NETWORK_SLUG = 'klimatkommunerna';
const LIST_ID = '6190cbc9-8ee9-405c-93ae-04c88968dd1c';

build();
const urls = await stack();
// Confirmation emails go to a counting sink, not to Mailpit.
const sink = await startSink();
const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl });
const hub = await startHub(urls, env, { DEMO_DATA: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000000', SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '10000000' });
const path = `/api/v1/networks/${NETWORK_SLUG}/subscriptions`;
const body = (email) => JSON.stringify({ email, language: 'sv', listIds: [LIST_ID] });

try {
  // The demo network and list are seeded at start-up; wait until a subscribe is accepted.
  for (let tries = 0; ; tries++) {
    const response = await fetch(`${hub.url('gateway')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(`warmup${tries}@load.bench`) });
    if (response.status === 202) break;
    if (tries > 120) throw new Error(`subscribe answers ${response.status}: ${await response.text()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const rss = sampleRss({ gateway: hub.services.gateway.child.pid, audience: hub.services.audience.child.pid });
  let sent = 0;
  const result = await autocannon({
    url: hub.url('gateway'),
    connections: CONNECTIONS,
    overallRate: RATE,
    duration: SECONDS,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        // A new address every request: each one creates a contact, as real sign-ups do.
        setupRequest: (request) => ({ ...request, body: body(`person${sent++}@load.bench`) }),
      },
    ],
  });
  const peaks = rss.stop();
  const status2xx = result['2xx'];
  // Answered requests only: a request that timed out did not count towards the rate the hub sustained.
  const answered = status2xx + result.non2xx;
  const figures = {
    targetRate: RATE,
    seconds: SECONDS,
    connections: CONNECTIONS,
    sent: result.requests.sent,
    answered,
    achievedRate: Number((answered / (result.duration || SECONDS)).toFixed(1)),
    accepted: status2xx,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    peakRssMb: peaks,
  };
  writeResult('subscribe-load', figures, {
    figure: `${figures.achievedRate} req/s answered of ${RATE}, p99 ${figures.latencyMs.p99} ms, ${figures.non2xx + figures.errors} errors`,
    target: '300 req/s with p99 under 150 ms',
    met: RATE >= 300 ? figures.achievedRate >= RATE * 0.95 && figures.latencyMs.p99 < 150 && figures.non2xx + figures.errors === 0 : null,
  });
  printTable(`Public subscribe through the gateway, target ${RATE} req/s for ${SECONDS} s, ${CONNECTIONS} connections`, [
    ['achieved', `${figures.achievedRate} req/s answered (${figures.sent} sent, ${answered} answered, ${status2xx} accepted)`],
    ['latency', `p50 ${figures.latencyMs.p50} ms, p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`],
    ['errors', `${figures.non2xx} non-2xx, ${figures.errors} errors (${figures.timeouts} timeouts)`],
    ['peak RSS', `gateway ${peaks.gateway} MB, audience ${peaks.audience} MB`],
  ]);
} finally {
  await hub.stop();
  await sink.stop?.();
  await cleanup(urls, prefix);
}
process.exit(0);
