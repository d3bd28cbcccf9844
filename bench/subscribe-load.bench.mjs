// Public subscribe under load: autocannon, in this process (a second process beside the services), sends RATE
// requests a second for SECONDS seconds, each with a new address, through the gateway to audience (double opt-in:
// contact, consent line and event written per request), with the whole hub from the build running. Prints the
// achieved rate, p50/p99 latency and errors. The gateway's per-IP limits are raised for the run, as every request
// comes from one IP here (the per-address limit, one confirmation per address per window, is not reached: every
// address is new).
//
// Then the highest rate it sustains, on a fresh hub (its own prefix, so the fixed-rate run's backlog and data do not
// weigh on it): rising steps of STEP_SECONDS each until one is not sustained. A step is sustained when at least 95 %
// of its requests are answered within it, all accepted, with no errors; the highest step whose p99 is also under
// 150 ms is reported too.
//   npm run bench -- subscribe-load [rate] [seconds] [connections]     (default 300 req/s for 20 s on 100 connections)
//   SUBSCRIBE_LOAD_STEPS=50,100,150 (the rising rates; `none` skips the search), SUBSCRIBE_LOAD_STEP_SECONDS=10
import { createRequire } from 'node:module';
import { benchEnv, build, cleanup, printTable, sampleRss, stack, startHub, startSink, writeResult } from './support/bench-kit.mjs';

const require = createRequire(import.meta.url);
const autocannon = require('autocannon');

const RATE = Number(process.argv[2] ?? 300);
const SECONDS = Number(process.argv[3] ?? 20);
// The most requests in flight at once; autocannon holds the rate only while latency × rate stays below this.
const CONNECTIONS = Number(process.argv[4] ?? 100);
const STEPS = (process.env.SUBSCRIBE_LOAD_STEPS ?? '50,75,100,125,150,200,250,300')
  .split(',')
  .map(Number)
  .filter((rate) => rate > 0);
const STEP_SECONDS = Number(process.env.SUBSCRIBE_LOAD_STEP_SECONDS ?? 10);
const P99_TARGET_MS = 150;
const NETWORK_SLUG = 'klimatkommunerna';
const LIST_ID = '6190cbc9-8ee9-405c-93ae-04c88968dd1c';
const path = `/api/v1/networks/${NETWORK_SLUG}/subscriptions`;
const body = (email) => JSON.stringify({ email, language: 'sv', listIds: [LIST_ID] });

build();
const urls = await stack();
// Confirmation emails go to a counting sink, not to Mailpit.
const sink = await startSink();

/** Runs `work` against a hub of its own (fresh prefix, demo data), removed afterwards. */
async function withHub(work) {
  const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl });
  const hub = await startHub(urls, env, { DEMO_DATA: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000000', SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '10000000' });
  try {
    // The demo network and list are seeded at start-up; wait until a subscribe is accepted.
    for (let tries = 0; ; tries++) {
      const response = await fetch(`${hub.url('gateway')}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body(`warmup${tries}.${prefix}@load.bench`) });
      if (response.status === 202) break;
      if (tries > 120) throw new Error(`subscribe answers ${response.status}: ${await response.text()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    return await work(hub, prefix);
  } finally {
    await hub.stop();
    await cleanup(urls, prefix);
  }
}

/** `rate` requests a second for `seconds`, each a new address; the figures of what was answered. */
async function load(hub, tag, rate, seconds) {
  let sent = 0;
  const result = await autocannon({
    url: hub.url('gateway'),
    connections: CONNECTIONS,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        // A new address every request: each one creates a contact, as real sign-ups do.
        setupRequest: (request) => ({ ...request, body: body(`person${sent++}.${tag}@load.bench`) }),
      },
    ],
  });
  // Answered requests only: a request that timed out did not count towards the rate the hub sustained.
  const answered = result['2xx'] + result.non2xx;
  return {
    targetRate: rate,
    seconds,
    sent: result.requests.sent,
    answered,
    achievedRate: Number((answered / (result.duration || seconds)).toFixed(1)),
    accepted: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
  };
}

const sustained = (step) => step.achievedRate >= step.targetRate * 0.95 && step.non2xx + step.errors === 0;

try {
  const figures = await withHub(async (hub, prefix) => {
    const rss = sampleRss({ gateway: hub.services.gateway.child.pid, audience: hub.services.audience.child.pid });
    const run = await load(hub, prefix, RATE, SECONDS);
    return { ...run, connections: CONNECTIONS, peakRssMb: rss.stop() };
  });

  const steps = [];
  if (STEPS.length > 0) {
    await withHub(async (hub, prefix) => {
      for (const rate of STEPS) {
        const step = await load(hub, `${prefix}-${rate}`, rate, STEP_SECONDS);
        steps.push(step);
        process.stdout.write(`  step ${rate} req/s: ${step.achievedRate} answered, p99 ${step.latencyMs.p99} ms, ${step.non2xx + step.errors} errors\n`);
        if (!sustained(step)) break;
        // A breath between steps, so that one step's tail is not counted in the next.
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
    });
  }
  const highest = (ok) => steps.filter(ok).reduce((best, step) => Math.max(best, step.targetRate), 0) || null;
  figures.sustainedRate = highest(sustained);
  figures.sustainedRateWithinP99Target = highest((step) => sustained(step) && step.latencyMs.p99 < P99_TARGET_MS);
  figures.steps = steps;

  writeResult('subscribe-load', figures, {
    figure: `${figures.achievedRate} req/s answered of ${RATE}, p99 ${figures.latencyMs.p99} ms, ${figures.non2xx + figures.errors} errors; sustains ${figures.sustainedRate ?? '-'} req/s`,
    target: `300 req/s with p99 under ${P99_TARGET_MS} ms`,
    met: RATE >= 300 ? figures.achievedRate >= RATE * 0.95 && figures.latencyMs.p99 < P99_TARGET_MS && figures.non2xx + figures.errors === 0 : null,
  });
  printTable(`Public subscribe through the gateway, target ${RATE} req/s for ${SECONDS} s, ${CONNECTIONS} connections`, [
    ['achieved', `${figures.achievedRate} req/s answered (${figures.sent} sent, ${figures.answered} answered, ${figures.accepted} accepted)`],
    ['latency', `p50 ${figures.latencyMs.p50} ms, p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms, max ${figures.latencyMs.max} ms`],
    ['errors', `${figures.non2xx} non-2xx, ${figures.errors} errors (${figures.timeouts} timeouts)`],
    ['peak RSS', `gateway ${figures.peakRssMb.gateway} MB, audience ${figures.peakRssMb.audience} MB`],
    ...(steps.length > 0
      ? [
          ['sustained', `${figures.sustainedRate ?? 'none'} req/s (steps of ${STEP_SECONDS} s on a fresh hub, ≥ 95 % answered, no errors)`],
          [`  with p99 < ${P99_TARGET_MS}`, `${figures.sustainedRateWithinP99Target ?? 'none'} req/s`],
          ...steps.map((step) => [
            `  ${step.targetRate} req/s`,
            `${step.achievedRate} answered, p50 ${step.latencyMs.p50} ms, p99 ${step.latencyMs.p99} ms, ${step.non2xx + step.errors} errors`,
          ]),
        ]
      : []),
  ]);
} finally {
  await sink.stop?.();
}
process.exit(0);
