// How long a public sign-up takes to be answered, by kind of address: new, pending (signed up a moment before) and
// blocked by a coordinator. The body of the answer is the same for all three; this measures whether its timing is
// too. One request at a time on an idle hub, the kinds interleaved in random order, through the gateway. Prints the
// median and p90 of each kind and the largest gap between two kinds' medians.
//   npm run bench -- sign-up-timing [requests of each kind]     (default 60)
import { benchEnv, build, cleanup, percentiles, printTable, signInAsDemoOwner, stack, startHub, startSink, writeResult } from './support/bench-kit.mjs';

const EACH = Number(process.argv[2] ?? 60);
const NETWORK_SLUG = 'klimatkommunerna';
const LIST_ID = '6190cbc9-8ee9-405c-93ae-04c88968dd1c';

build();
const urls = await stack();
const sink = await startSink();
const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl });
const hub = await startHub(urls, env, { DEMO_DATA: 'true', PUBLIC_RATE_LIMIT_PER_MINUTE: '10000000', SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '10000000' });
const gateway = hub.url('gateway');

async function subscribe(email) {
  const started = performance.now();
  const response = await fetch(`${gateway}/api/v1/networks/${NETWORK_SLUG}/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, language: 'sv', listIds: [LIST_ID] }),
  });
  const text = await response.text();
  return { status: response.status, text, ms: performance.now() - started };
}

try {
  // The demo network and list are seeded at start-up; wait until a sign-up is accepted.
  for (let tries = 0; (await subscribe(`warmup${tries}.${prefix}@timing.bench`)).status !== 202; tries++) {
    if (tries > 120) throw new Error('the hub does not accept sign-ups');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const api = await signInAsDemoOwner(gateway);

  const address = (kind, i) => `${kind}${i}.${prefix}@timing.bench`;
  for (let i = 0; i < EACH; i++) {
    await subscribe(address('pending', i));
    await subscribe(address('blocked', i));
    const { items } = await api('GET', `/api/v1/contacts?q=${encodeURIComponent(address('blocked', i))}`);
    await api('POST', `/api/v1/contacts/${items[0].id}/block`);
  }
  // Let the hub settle (confirmation emails of the preparation) before measuring.
  await new Promise((resolve) => setTimeout(resolve, 3_000));

  const kinds = ['new', 'pending', 'blocked'];
  const requests = kinds.flatMap((kind) => Array.from({ length: EACH }, (_, i) => ({ kind, email: address(kind, i) })));
  for (let i = requests.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [requests[i], requests[j]] = [requests[j], requests[i]];
  }
  const times = Object.fromEntries(kinds.map((kind) => [kind, []]));
  const bodies = new Set();
  for (const { kind, email } of requests) {
    const answer = await subscribe(email);
    if (answer.status !== 202) throw new Error(`${kind} ${email}: ${answer.status} ${answer.text}`);
    bodies.add(answer.text);
    times[kind].push(answer.ms);
  }

  const round = (ms) => Math.round(ms * 10) / 10;
  const figures = { each: EACH, sameBody: bodies.size === 1 };
  for (const kind of kinds) {
    const { p50, p90 } = percentiles(times[kind]);
    figures[kind] = { p50Ms: round(p50), p90Ms: round(p90) };
  }
  const medians = kinds.map((kind) => figures[kind].p50Ms);
  figures.largestMedianGapMs = round(Math.max(...medians) - Math.min(...medians));

  writeResult('sign-up-timing', figures, {
    figure: `medians new ${figures.new.p50Ms} / pending ${figures.pending.p50Ms} / blocked ${figures.blocked.p50Ms} ms; largest gap ${figures.largestMedianGapMs} ms`,
    target: 'the same answer, in body and timing, for every kind of address',
    met: null,
  });
  printTable(`Sign-up answer time by kind of address, ${EACH} of each, one at a time`, [
    ...kinds.map((kind) => [kind, `p50 ${figures[kind].p50Ms} ms, p90 ${figures[kind].p90Ms} ms`]),
    ['largest gap', `${figures.largestMedianGapMs} ms between medians`],
    ['same body', String(figures.sameBody)],
  ]);
} finally {
  await hub.stop();
  sink.stop();
  await cleanup(urls, prefix);
}
