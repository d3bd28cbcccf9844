#!/usr/bin/env node
// `npm run bench [-- name [args]]`: runs every bench/*.bench.mjs, or the one whose name starts with `name`.
// Each prints its figures and writes bench/results/<name>.json.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [filter, ...args] = process.argv.slice(2);
const benches = fs.readdirSync(here).filter((file) => file.endsWith('.bench.mjs') && (!filter || file.startsWith(filter)));
if (benches.length === 0) {
  process.stderr.write(`no benchmark matches "${filter}"\n`);
  process.exit(2);
}
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(process.execPath, [path.join(here, bench), ...args], { cwd: path.join(here, '..'), stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
