#!/usr/bin/env node
// CLI for the hub's local stack (Kafka, FerretDB, Redis, Mailpit). All logic
// lives in index.mjs so test harnesses can drive the same code.

import { PART_NAMES, StackError, display, down, logs, status, up, config } from './index.mjs';

const USAGE = `usage: node tools/stack/stack.mjs <command> [options] [part...]

commands:
  up                 install what is missing, start what is not running, wait until ready
  down [--purge]     stop the processes this tool started (--purge also deletes their data)
  status [--json]    running/ready per part; exit code 0 if all ready, 3 otherwise
  logs [-n N]        last N (default 50) lines of each part's log

parts: ${PART_NAMES.join(', ')} (default: all)

environment: HUB_STACK_DIR, HUB_CACHE_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT,
  FERRETDB_PORT, FERRETDB_DEBUG_PORT, REDIS_PORT, SMTP_PORT, MAILPIT_HTTP_PORT,
  FERRETDB_SQLITE_PARAMS (fault injection: mode=ro, _pragma=max_page_count(1))`;

const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_NOT_READY = 3;

async function main(argv) {
  const [command, ...rest] = argv;
  const flags = new Set(rest.filter((a) => a.startsWith('-')));
  const parts = rest.filter((a, i) => !a.startsWith('-') && rest[i - 1] !== '-n');
  const print = (line) => console.log(line);

  switch (command) {
    case 'up': {
      const urls = await up(parts, process.env, { print });
      console.log(`\n${Object.entries(urls).map(([k, v]) => `${k}=${v}`).join('  ')}`);
      console.log(`data and logs in ${display(config().stackDir)}`);
      return 0;
    }
    case 'down':
      await down(parts, process.env, { purge: flags.has('--purge'), print });
      return 0;
    case 'status': {
      const results = await status(parts);
      if (flags.has('--json')) {
        console.log(JSON.stringify(results, null, 2));
      } else {
        for (const r of results) {
          const state = r.state === 'running' ? `running (pid ${r.pid}, ${r.ready ? 'ready' : 'not ready'})` : 'stopped';
          console.log(`${r.part.padEnd(9)} ${state.padEnd(30)} ${r.address}${r.note ? `  ${r.note}` : ''}`);
        }
      }
      return results.every((r) => r.state === 'running' && r.ready) ? 0 : EXIT_NOT_READY;
    }
    case 'logs': {
      const n = rest.includes('-n') ? Number(rest[rest.indexOf('-n') + 1]) : 50;
      const text = logs(parts, process.env, Number.isInteger(n) && n > 0 ? n : 50);
      console.log(text || 'no logs yet');
      return 0;
    }
    case undefined:
    case 'help':
    case '-h':
    case '--help':
      console.log(USAGE);
      return command === undefined ? EXIT_USAGE : 0;
    default:
      console.error(`unknown command: ${command}\n\n${USAGE}`);
      return EXIT_USAGE;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    if (err instanceof StackError) {
      for (const line of err.lines) console.error(line);
    } else {
      console.error(err?.stack ?? err);
    }
    process.exitCode = EXIT_FAILED;
  },
);
