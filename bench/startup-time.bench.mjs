// Start-up time: the five services started together from the build (as `npm start` does) against the running
// stack, each timed from its spawn to the first 200 of /health/ready (polled every 50 ms). Every round starts in a
// fresh prefix (new databases, topics and consumer groups), with demo data, so it is a first start; prints the
// median and worst of the rounds that started (ROUNDS, default 3; a failed start is counted, not retried) and each service's RSS once ready.
//   npm run bench -- startup-time [rounds]
import { benchEnv, build, cleanup, peakRssMb, printTable, stack, startHub, writeResult } from './support/bench-kit.mjs';

const ROUNDS = Number(process.argv[2] ?? 3);

build();
const urls = await stack();
const rounds = [];
const failures = [];
for (let round = 0; round < ROUNDS; round++) {
  const { prefix, env } = benchEnv(urls);
  try {
    const started = performance.now();
    const hub = await startHub(urls, env, { DEMO_DATA: 'true' });
    const allReadyMs = Math.round(performance.now() - started);
    rounds.push({
      allReadyMs,
      readyMs: Object.fromEntries(Object.entries(hub.services).map(([name, service]) => [name, service.readyMs])),
      rssMb: Object.fromEntries(Object.entries(hub.services).map(([name, service]) => [name, peakRssMb(service.child.pid)])),
    });
    await hub.stop();
  } catch (error) {
    // A start that fails is a finding of its own: counted and printed, not retried away.
    failures.push(error.message);
  } finally {
    await cleanup(urls, prefix);
  }
}
if (rounds.length === 0) throw new Error(`no round started: ${failures.join('; ')}`);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const services = Object.keys(rounds[0].readyMs);
const figures = {
  rounds: ROUNDS,
  failedStarts: failures.length,
  failures,
  readyMs: Object.fromEntries(services.map((name) => [name, { p50: median(rounds.map((r) => r.readyMs[name])), max: Math.max(...rounds.map((r) => r.readyMs[name])) }])),
  allReadyMs: { p50: median(rounds.map((r) => r.allReadyMs)), max: Math.max(...rounds.map((r) => r.allReadyMs)) },
  peakRssMb: Object.fromEntries(services.map((name) => [name, Math.max(...rounds.map((r) => r.rssMb[name]))])),
  perRound: rounds,
};
writeResult('startup-time', figures, {
  figure: `all five ready in ${figures.allReadyMs.p50} ms (worst ${figures.allReadyMs.max} ms), ${failures.length} failed starts`,
  target: null,
  met: null,
});
printTable(`Start-up to ready, five services together, ${ROUNDS} rounds (median / worst)`, [
  ...services.map((name) => [name, `${figures.readyMs[name].p50} ms / ${figures.readyMs[name].max} ms  (RSS ${figures.peakRssMb[name]} MB)`]),
  ['all five ready', `${figures.allReadyMs.p50} ms / ${figures.allReadyMs.max} ms`],
  ['failed starts', `${failures.length} of ${ROUNDS}${failures.length ? ` (${failures.join('; ')})` : ''}`],
]);
process.exit(0);
