import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { STACK_ENV_VARS } from '@hub/testing';

const root = resolve(__dirname, '../..');

/**
 * Once per jest run: start the local stack unless it is running (or was given through HUB_TEST_* variables), and
 * build the apps, since some tests run them as real child processes.
 */
export default async function globalSetup(): Promise<void> {
  if (!process.env[STACK_ENV_VARS.mongoUrl]) {
    // Native import: the stack tool is a dependency-free ES module that runs before node_modules exist.
    const stack = await (new Function('url', 'return import(url)') as (url: string) => Promise<typeof import('../../tools/stack/index.mjs')>)(
      pathToFileURL(resolve(root, 'tools/stack/index.mjs')).href,
    );
    const before = await stack.status();
    const urls = await stack.up(undefined, process.env, { print: (line: string) => process.stdout.write(`stack: ${line}\n`) });
    process.env.HUB_TEST_STARTED_PARTS = before.filter((part) => part.state !== 'running').map((part) => part.part).join(',');
    process.env[STACK_ENV_VARS.mongoUrl] = urls.mongoUrl;
    process.env[STACK_ENV_VARS.kafkaBrokers] = urls.kafkaBrokers;
    process.env[STACK_ENV_VARS.redisUrl] = urls.redisUrl;
    process.env[STACK_ENV_VARS.smtpUrl] = urls.smtpUrl;
    process.env[STACK_ENV_VARS.mailpitUrl] = urls.mailpitUrl;
  }
  execFileSync(process.execPath, [resolve(root, 'node_modules/.bin/swc'), 'apps', 'libs', '-d', 'dist', '--config-file', '.swcrc', '--ignore', '**/*.spec.ts', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
