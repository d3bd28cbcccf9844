import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { z } from 'zod';
import { loadConfigOrExit } from '@hub/config';
import { KafkaEventServer } from '@hub/messaging';

export interface StartOptions {
  port: number;
  host: string;
  /** Off in tests that start several apps in one process; on in every real process. */
  handleSignals?: boolean;
  /** How long a graceful shutdown may take before the process gives up and exits 1. */
  shutdownTimeoutMs?: number;
  /** Largest JSON body accepted; bigger ones get 413 before any handler runs. */
  bodyLimit?: string;
  /** What one service adds before it starts (middleware, documentation). */
  configure?: (app: NestExpressApplication) => void;
}

/**
 * Starts one service: logger, Kafka consumer transport, HTTP. Shutdown (SIGTERM, SIGINT, or close()) runs Nest's
 * hooks in this order: consumers, workers and the outbox relay stop taking work (onModuleDestroy), the HTTP server
 * closes, then Kafka, Redis and MongoDB connections close (onApplicationShutdown).
 */
export async function startService(module: Type<unknown> | DynamicModule, options: StartOptions): Promise<INestApplication> {
  // rawBody: webhooks (the delivery feedback one) verify a signature over the exact bytes received.
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false, rawBody: true });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  app.useBodyParser('urlencoded', { limit: options.bodyLimit ?? '256kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  options.configure?.(app);
  // init first: topics, indexes and queues are made in onModuleInit, and the consumer must not subscribe before.
  await app.init();
  const consumer = app.get(KafkaEventServer, { strict: false });
  app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  if (options.handleSignals !== false) exitOnSignals(app, options.shutdownTimeoutMs ?? 10_000);
  return app;
}

/**
 * Nest's own shutdown hooks re-raise the signal after closing, so a clean stop looks like a crash to a supervisor.
 * Here a clean stop exits 0, a stop that fails or hangs past the timeout exits 1, and a second signal does not
 * interrupt the first.
 */
function exitOnSignals(app: INestApplication, timeoutMs: number): void {
  let closing = false;
  const stop = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    setTimeout(() => {
      process.stderr.write(`shutdown after ${signal} took longer than ${timeoutMs} ms; exiting\n`);
      process.exit(1);
    }, timeoutMs).unref();
    app.close().then(
      () => process.exit(0),
      (error: Error) => {
        process.stderr.write(`shutdown after ${signal} failed: ${error.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

/**
 * A service's whole main(): validate the environment (exit 78 naming every bad variable), start, and on a failure to
 * start say so in one line and exit 1, so a supervisor restarts it and a person sees why. The stack follows that
 * line: a client library's error (kafkajs, the MongoDB driver) names the refusal but not which start-up step met it.
 */
export function runService<S extends z.ZodType>(
  name: string,
  schema: S,
  build: (config: z.infer<S>) => DynamicModule,
  options: (config: z.infer<S>) => StartOptions,
): void {
  const config = loadConfigOrExit(name, schema);
  startService(build(config), options(config)).catch((error: Error) => {
    process.stderr.write(`${name}: failed to start: ${error.message}\n${error.stack ?? ''}\n`);
    process.exit(1);
  });
}
