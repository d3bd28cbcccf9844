import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Stops the parts of the stack that this run started, so a test run leaves the machine as it found it; set
 * HUB_KEEP_STACK=1 to keep them for the next run (faster when iterating).
 */
export default async function globalTeardown(): Promise<void> {
  const started = (process.env.HUB_TEST_STARTED_PARTS ?? '').split(',').filter(Boolean);
  if (started.length === 0 || process.env.HUB_KEEP_STACK === '1') return;
  const stack = await (new Function('url', 'return import(url)') as (url: string) => Promise<typeof import('../../tools/stack/index.mjs')>)(
    pathToFileURL(resolve(__dirname, '../../tools/stack/index.mjs')).href,
  );
  await stack.down(started as never, process.env);
}
