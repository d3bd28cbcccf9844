#!/usr/bin/env node
// `npm start`: the whole hub on this machine. Installs what a fresh clone lacks, builds, starts the local stack (or
// uses the one given by MONGO_URL, KAFKA_BROKERS, REDIS_URL and SMTP_URL), starts the five services with demo data,
// waits until each is ready and prints where to open it. Ctrl-C stops the services, then the stack parts it started.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, ensureNodeModules } from './dependencies.mjs';

const require = createRequire(import.meta.url);
const { SERVICES, servicePorts, serviceEnv, waitForHttpOk } = require('./services.cjs');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;

function say(line) {
  process.stdout.write(`${line}\n`);
}

function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Secrets of this local hub, made once and kept in the git-ignored stack folder so links survive a restart. */
function localSecrets(stackDir) {
  const file = path.join(stackDir, 'hub-secrets.json');
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8'));
  const secrets = {
    LINK_SIGNING_SECRET: randomBytes(32).toString('base64url'),
    INTERNAL_API_SECRET: randomBytes(32).toString('base64url'),
  };
  fs.mkdirSync(stackDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

async function main() {
  ensureNodeModules(root);
  say('building the services...');
  build(root);

  const stackTool = await import('../stack/index.mjs');
  const external = ['MONGO_URL', 'KAFKA_BROKERS', 'REDIS_URL', 'SMTP_URL'].every((name) => process.env[name]);
  let stack;
  let startedParts = [];
  if (external) {
    stack = { mongoUrl: process.env.MONGO_URL, kafkaBrokers: process.env.KAFKA_BROKERS, redisUrl: process.env.REDIS_URL, smtpUrl: process.env.SMTP_URL };
    say('using the stack given by MONGO_URL, KAFKA_BROKERS, REDIS_URL and SMTP_URL');
  } else {
    const before = await stackTool.status();
    startedParts = before.filter((part) => part.state !== 'running').map((part) => part.part);
    stack = await stackTool.up(undefined, process.env, { print: (line) => say(`stack: ${line}`) });
  }
  const mailpitUrl = process.env.MAILPIT_URL ?? (external ? undefined : stackTool.urls().mailpitUrl);

  const ports = servicePorts();
  for (const service of SERVICES) {
    if (await portInUse(ports[service.name])) throw new Error(`${service.name}: port ${ports[service.name]} in use (set ${service.portVar})`);
  }
  const shared = {
    ...localSecrets(stackTool.config().stackDir),
    DEMO_DATA: 'true',
    LOG_PRETTY: process.env.LOG_PRETTY ?? (process.stdout.isTTY ? 'true' : 'false'),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };

  const children = new Map();
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping the services...');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
            child.once('exit', () => (clearTimeout(timer), resolve()));
            child.kill('SIGTERM');
          }),
      ),
    );
    if (startedParts.length > 0) {
      say(`stopping the stack parts this command started: ${startedParts.join(', ')}`);
      await stackTool.down(startedParts);
    }
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const service of SERVICES) {
    const child = spawn(process.execPath, [path.join(root, 'dist/apps', service.name, 'src/main.js')], {
      cwd: root,
      env: { ...process.env, ...serviceEnv(service.name, { stack, ports, shared }) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.set(service.name, child);
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => say(`${service.name.padEnd(10)} | ${line}`));
    }
    child.once('exit', (code, signal) => {
      if (stopping) return;
      say(`${service.name} exited (${signal ?? `code ${code}`}); stopping the hub`);
      void stopAll(1);
    });
  }

  await Promise.all(
    SERVICES.map((service) =>
      waitForHttpOk(`http://127.0.0.1:${ports[service.name]}/health/ready`, READY_TIMEOUT_MS, () => children.get(service.name).exitCode === null).catch(
        (error) => {
          throw new Error(`${service.name}: ${error.message}`);
        },
      ),
    ),
  );

  say('');
  say('Nordic Network Hub is running.');
  say(`  Hub (public pages and REST API):  http://127.0.0.1:${ports.gateway}`);
  if (mailpitUrl) say(`  Mail inbox (Mailpit):             ${mailpitUrl}`);
  say(`  Try it: open http://127.0.0.1:${ports.gateway}/networks/klimatkommunerna, subscribe, and confirm from the inbox.`);
  say('  Ctrl-C stops everything.');
  say('');
}

main().catch((error) => {
  process.stderr.write(`hub: ${error.message}\n`);
  process.exit(1);
});
