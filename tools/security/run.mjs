#!/usr/bin/env node
// `npm run security [-- --quick | --full] [--fuzz-only | --tests-only]`: attacks the hub.
//  1. Fuzzes every operation of the gateway's OpenAPI document with schemathesis (pinned, installed into a venv in
//     the project's cache folder on first use) against the five services running as processes with demo data,
//     signed in as the demo owner through an owner API key. Checks: no 5xx, responses match their schemas.
//  2. Runs the jest security project (tokens, injection, abuse) and the cross-network isolation matrix.
// --quick (the default, for CI): SECURITY_FUZZ_EXAMPLES (default 10) cases per operation and phase.
// --full: 100 per operation plus the stateful phase.
// Prints the number of fuzz cases run and writes bench/results/security-fuzz.json; exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { benchEnv, build, cleanup, root, stack, startHub, startSink, writeResult } from '../../bench/support/bench-kit.mjs';

const SCHEMATHESIS_VERSION = '4.32.5';
const args = new Set(process.argv.slice(2));
for (const arg of args) {
  if (!['--quick', '--full', '--fuzz-only', '--tests-only'].includes(arg)) {
    process.stderr.write(`security: unknown argument ${arg} (use --quick, --full, --fuzz-only, --tests-only)\n`);
    process.exit(2);
  }
}
const full = args.has('--full');
const examples = full ? 100 : Number(process.env.SECURITY_FUZZ_EXAMPLES ?? 10);
const cacheDir = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'nordic-network-hub');

function say(line) {
  process.stdout.write(`${line}\n`);
}

function run(command, commandArgs, options = {}) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

/** The schemathesis CLI of the pinned version, in a venv of its own so nothing touches the system's Python. */
function schemathesis() {
  const venv = path.join(cacheDir, `schemathesis-${SCHEMATHESIS_VERSION}`);
  const st = path.join(venv, 'bin', 'st');
  // Written last, so an interrupted install is redone rather than used half-made.
  const complete = path.join(venv, '.installed');
  if (fs.existsSync(complete)) return st;
  const python = process.env.PYTHON ?? 'python3';
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} into ${venv}`);
  fs.rmSync(venv, { recursive: true, force: true });
  fs.mkdirSync(cacheDir, { recursive: true });
  if (run(python, ['-m', 'venv', venv]) !== 0) throw new Error(`${python} -m venv failed (Python 3.9+ with venv is needed)`);
  if (run(path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`]) !== 0) {
    throw new Error('pip install schemathesis failed');
  }
  fs.writeFileSync(complete, `${SCHEMATHESIS_VERSION}\n`);
  return st;
}

async function fuzz() {
  const st = schemathesis();
  build();
  const urls = await stack();
  // Fuzzed invitations and subscriptions send real emails: into the counting sink, not the shared Mailpit.
  const sink = await startSink();
  const { prefix, env } = benchEnv(urls, { SMTP_URL: sink.smtpUrl });
  // The fuzzer is one client at one IP: the per-IP limits are lifted so that it reaches the handlers (the limits
  // themselves are tested in test/security).
  const reportDir = path.join(root, 'bench/results/schemathesis');
  fs.rmSync(reportDir, { recursive: true, force: true });
  let hub;
  try {
    hub = await startHub(urls, env, {
      DEMO_DATA: 'true',
      PUBLIC_RATE_LIMIT_PER_MINUTE: '1000000',
      SUBSCRIBE_RATE_LIMIT_PER_MINUTE: '1000000',
      SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_IP: '1000000',
      SIGN_IN_MAX_FAILURES_PER_IP: '1000000',
    });
    const gateway = hub.url('gateway');
    const signIn = await fetch(`${gateway}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'owner@demo.hub.example', password: 'demo-owner-password' }),
    });
    if (!signIn.ok) throw new Error(`demo owner sign-in: ${signIn.status} ${await signIn.text()}`);
    const { csrfToken } = await signIn.json();
    const cookie = signIn.headers.get('set-cookie').split(';')[0];
    const created = await fetch(`${gateway}/api/v1/api-keys`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ name: 'schemathesis', role: 'owner' }),
    });
    if (!created.ok) throw new Error(`API key: ${created.status} ${await created.text()}`);
    const { key } = await created.json();

    const started = performance.now();
    const status = run(st, [
      'run',
      `${gateway}/api/docs/openapi.json`,
      '--url',
      gateway,
      '--header',
      `Authorization: Bearer ${key}`,
      '--checks',
      'not_a_server_error,response_schema_conformance',
      '--max-examples',
      String(examples),
      '--phases',
      full ? 'examples,coverage,fuzzing,stateful' : 'examples,coverage,fuzzing',
      '--workers',
      '2',
      '--seed',
      process.env.SECURITY_FUZZ_SEED ?? '20261201',
      '--request-timeout',
      '30',
      '--suppress-health-check',
      'all',
      '--warnings',
      'off',
      '--report',
      'junit,ndjson',
      '--report-dir',
      reportDir,
    ]);
    const seconds = Math.round((performance.now() - started) / 1000);
    const cases = countCases(reportDir);
    say(`\nschemathesis: ${cases.operations} operations, ${cases.cases} cases in ${seconds} s, ${cases.failures} failures (exit ${status})`);
    writeResult('security-fuzz', { mode: full ? 'full' : 'quick', examplesPerOperation: examples, operations: cases.operations, cases: cases.cases, failures: cases.failures, seconds, passed: status === 0 });
    return status;
  } finally {
    await hub?.stop();
    sink.stop();
    await cleanup(urls, prefix);
  }
}

/** Cases and operations from schemathesis' NDJSON event log (one ScenarioFinished per tested scenario). */
function countCases(reportDir) {
  const file = fs.readdirSync(reportDir).find((name) => name.endsWith('.ndjson'));
  const junit = fs.readdirSync(reportDir).find((name) => name.endsWith('.xml'));
  let cases = 0;
  const operations = new Set();
  if (file) {
    for (const line of fs.readFileSync(path.join(reportDir, file), 'utf8').split('\n')) {
      if (!line) continue;
      const event = JSON.parse(line);
      const finished = event.ScenarioFinished;
      if (!finished) continue;
      if (finished.recorder?.label) operations.add(finished.recorder.label);
      cases += Object.keys(finished.recorder?.cases ?? {}).length;
    }
  }
  const failures = junit ? [...fs.readFileSync(path.join(reportDir, junit), 'utf8').matchAll(/<failure\b/g)].length : 0;
  return { cases, operations: operations.size, failures };
}

function securityTests() {
  return run(process.execPath, [
    path.join(root, 'node_modules/jest/bin/jest.js'),
    '--runInBand',
    '--selectProjects',
    'security',
    'integration',
    '--',
    'test/security/',
    'test/integration/gateway/isolation.spec.ts',
  ]);
}

let failed = false;
if (!args.has('--tests-only')) failed = (await fuzz()) !== 0 || failed;
if (!args.has('--fuzz-only')) failed = securityTests() !== 0 || failed;
process.exit(failed ? 1 : 0);
