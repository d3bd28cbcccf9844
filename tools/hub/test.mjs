#!/usr/bin/env node
// `npm test`: installs what a fresh clone lacks, type-checks, then runs every jest project (unit, integration, e2e).
// The integration and e2e projects start the local stack themselves (test/support/global-setup.ts). Extra arguments
// go to jest, e.g. `npm test -- --selectProjects unit`.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

// jest's own summary says "Tests: 61 passed, 61 total"; the line printed after it is the plain
// "N passed, N failed, N skipped" that CI and other tools read.
const results = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hub-jest-')), 'results.json');
const jest = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/jest/bin/jest.js'), '--runInBand', '--json', `--outputFile=${results}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit' },
);
if (fs.existsSync(results)) {
  const summary = JSON.parse(fs.readFileSync(results, 'utf8'));
  const skipped = summary.numPendingTests + summary.numTodoTests;
  process.stdout.write(`\njest: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped\n`);
}
process.exit(jest.status ?? 1);
