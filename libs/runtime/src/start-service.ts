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
  /** Largest JSON body accepted; bigger ones get 413 before any handler runs. */
  bodyLimit?: string;
}

/**
 * Starts one service: logger, Kafka consumer transport, HTTP. Shutdown (SIGTERM, SIGINT, or close()) runs Nest's
 * hooks in this order: consumers, workers and the outbox relay stop taking work (onModuleDestroy), the HTTP server
 * closes, then Kafka, Redis and MongoDB connections close (onApplicationShutdown).
 */
export async function startService(module: Type<unknown> | DynamicModule, options: StartOptions): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module, { bufferLogs: true, bodyParser: false });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: options.bodyLimit ?? '256kb' });
  app.useBodyParser('urlencoded', { limit: options.bodyLimit ?? '256kb', extended: false });
  app.set('trust proxy', 'loopback');
  app.disable('x-powered-by');
  if (options.handleSignals !== false) app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  const consumer = app.get(KafkaEventServer, { strict: false });
  app.connectMicroservice({ strategy: consumer }, { inheritAppConfig: true });
  await app.startAllMicroservices();
  await app.listen(options.port, options.host);
  return app;
}

/**
 * A service's whole main(): validate the environment (exit 78 naming every bad variable), start, and on a failure to
 * start say so in one line and exit 1, so a supervisor restarts it and a person sees why.
 */
export function runService<S extends z.ZodType>(
  name: string,
  schema: S,
  build: (config: z.infer<S>) => DynamicModule,
  options: (config: z.infer<S>) => StartOptions,
): void {
  const config = loadConfigOrExit(name, schema);
  startService(build(config), options(config)).catch((error: Error) => {
    process.stderr.write(`${name}: failed to start: ${error.message}\n`);
    process.exit(1);
  });
}
