import type { DynamicModule, INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { startService } from '@hub/runtime';

export interface InProcessApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Starts a hub module inside the test process on a free port, exactly as its main() would, minus signal handlers. */
export async function startInProcess(module: DynamicModule, configure?: (app: NestExpressApplication) => void): Promise<InProcessApp> {
  const app = await startService(module, { port: 0, host: '127.0.0.1', handleSignals: false, bodyLimit: '64kb', configure });
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, close: () => app.close() };
}
