#!/usr/bin/env node
// `npm run bench [-- name [args]]`: runs every bench/*.bench.mjs, or the one whose name starts with `name`.
// Each prints its figures and writes bench/results/<name>.json; at the end, one table of every headline against its
// issue's target.
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
const startedAt = new Date();
const summary = [];
for (const bench of benches) {
  process.stdout.write(`\n== ${bench}\n`);
  const result = spawnSync(process.execPath, [path.join(here, bench), ...args], { cwd: path.join(here, '..'), stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  summary.push(headlineOf(bench.replace(/\.bench\.mjs$/, '')));
}
printSummary(summary);

/** The benchmark's headline from the result it wrote in this run (see writeResult in support/bench-kit.mjs). */
function headlineOf(name) {
  const file = path.join(here, 'results', `${name}.json`);
  const result = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : null;
  if (!result || new Date(result.at) < startedAt || !result.headline) return { name, figure: 'no result written', target: '', met: null };
  return { name, ...result.headline };
}

function printSummary(rows) {
  const table = [['benchmark', 'figure', 'target', 'met'], ...rows.map((row) => [row.name, row.figure, row.target ?? '-', row.met === null ? '-' : row.met ? 'yes' : 'NO'])];
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  process.stdout.write(`\n== summary (${new Date().toISOString()})\n${table.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n')}\n`);
}
