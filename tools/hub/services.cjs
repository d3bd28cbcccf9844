// The five hub services and the environment each needs, given where the stack listens. Shared by `npm start`
// (tools/hub/start.mjs) and the end-to-end tests, so both run the services the same way.
'use strict';

const SERVICES = [
  { name: 'gateway', portVar: 'GATEWAY_PORT', defaultPort: 3000 },
  { name: 'audience', portVar: 'AUDIENCE_PORT', defaultPort: 3001 },
  { name: 'scheduling', portVar: 'SCHEDULING_PORT', defaultPort: 3002 },
  { name: 'campaigns', portVar: 'CAMPAIGNS_PORT', defaultPort: 3003 },
  { name: 'delivery', portVar: 'DELIVERY_PORT', defaultPort: 3004 },
];

/** Port of each service: from GATEWAY_PORT, AUDIENCE_PORT, ... or the defaults 3000-3004. */
function servicePorts(env = process.env) {
  return Object.fromEntries(SERVICES.map((s) => [s.name, Number(env[s.portVar] ?? s.defaultPort)]));
}

/**
 * The environment of one service. `stack` holds the URLs of Kafka, MongoDB, Redis and SMTP; `shared` the values
 * every service of one hub must agree on (secrets, public URL, prefixes).
 */
function serviceEnv(name, { stack, ports, shared }) {
  return {
    PORT: String(ports[name]),
    HOST: '127.0.0.1',
    MONGO_URL: stack.mongoUrl,
    KAFKA_BROKERS: stack.kafkaBrokers,
    REDIS_URL: stack.redisUrl,
    SMTP_URL: stack.smtpUrl,
    AUDIENCE_URL: `http://127.0.0.1:${ports.audience}`,
    SCHEDULING_URL: `http://127.0.0.1:${ports.scheduling}`,
    CAMPAIGNS_URL: `http://127.0.0.1:${ports.campaigns}`,
    DELIVERY_URL: `http://127.0.0.1:${ports.delivery}`,
    PUBLIC_BASE_URL: `http://127.0.0.1:${ports.gateway}`,
    ...shared,
  };
}

/** Resolves when GET url answers 2xx, or rejects after timeoutMs with the last reason. */
async function waitForHttpOk(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
      last = `HTTP ${response.status}: ${(await response.text()).slice(0, 300)}`;
    } catch (error) {
      last = error.message;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not ready after ${Math.round(timeoutMs / 1000)} s (${last})`);
}

module.exports = { SERVICES, servicePorts, serviceEnv, waitForHttpOk };
