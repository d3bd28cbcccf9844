#!/usr/bin/env node
// `npm test`: installs what a fresh clone lacks, type-checks, then runs every jest project (unit, integration, e2e).
// The integration and e2e projects start the local stack themselves (test/support/global-setup.ts). Extra arguments
// go to jest, e.g. `npm test -- --selectProjects unit`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNodeModules } from './dependencies.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

ensureNodeModules(root);
run(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.json']);
run(process.execPath, [path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', ...process.argv.slice(2)]);
