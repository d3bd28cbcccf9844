/**
 * Where the shared test stack listens. The global setup starts it (or finds it running) and records its URLs in the
 * environment, which every test worker inherits.
 */
export interface StackEnv {
  mongoUrl: string;
  kafkaBrokers: string;
  redisUrl: string;
  smtpUrl: string;
  mailpitUrl: string;
}

export const STACK_ENV_VARS = {
  mongoUrl: 'HUB_TEST_MONGO_URL',
  kafkaBrokers: 'HUB_TEST_KAFKA_BROKERS',
  redisUrl: 'HUB_TEST_REDIS_URL',
  smtpUrl: 'HUB_TEST_SMTP_URL',
  mailpitUrl: 'HUB_TEST_MAILPIT_URL',
} as const;

export function stackEnv(): StackEnv {
  const entries = Object.entries(STACK_ENV_VARS).map(([key, variable]) => {
    const value = process.env[variable];
    if (!value) throw new Error(`${variable} is not set: run the tests through jest (its global setup starts the stack)`);
    return [key, value];
  });
  return Object.fromEntries(entries) as StackEnv;
}
