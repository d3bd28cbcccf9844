// Process, port, pid-file and lock helpers shared by the stack parts.
// Linux only: ownership checks read /proc, which is what lets us refuse to
// touch processes we did not start without tracking anything beyond a pid.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function which(cmd, env = process.env) {
  if (cmd.includes('/')) return isExecutable(cmd) ? cmd : null;
  for (const dir of (env.PATH ?? '').split(':')) {
    if (dir && isExecutable(path.join(dir, cmd))) return path.join(dir, cmd);
  }
  return null;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Last meaningful line of some output: usually the one that says what went
 * wrong. Java stack frames are skipped so the exception message wins.
 */
export function lastLine(text) {
  const lines = String(text)
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^at [\w$.<>]+\(|^\.\.\. \d+ more$/.test(l));
  return lines.at(-1) ?? '';
}

/**
 * Runs a command to completion, appending all its output to logFile, and
 * resolves with its stdout. Rejects with the last line of output, because that
 * is what a person needs to see first.
 */
export function run(cmd, args, { cwd, env = process.env, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let output = '';
    const collect = (chunk) => {
      output += chunk;
      if (logFile) fs.appendFileSync(logFile, chunk);
    };
    if (logFile) fs.appendFileSync(logFile, `\n$ ${[cmd, ...args].join(' ')}\n`);
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      collect(chunk);
    });
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(lastLine(output) || `${path.basename(cmd)} exited with code ${code}`));
    });
  });
}

// ---------------------------------------------------------------- processes

/** Fields of /proc/<pid>/stat after the command name (state, ppid, pgrp...), or null if there is no such process. */
function procState(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** A zombie has exited already; it only lingers until its parent reaps it. */
export function isAlive(pid) {
  const fields = procState(pid);
  return fields !== null && fields[0] !== 'Z';
}

function argv(pid) {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export const cmdline = (pid) => argv(pid).join(' ');

/**
 * Ours = alive, running `binary`, and its command line contains every marker
 * (a path inside our stack dir). Pids get reused and other stack dirs run the
 * same binaries; this tells our process from either.
 */
export function isOurs(pid, { binary, markers }) {
  if (!pid || !isAlive(pid)) return false;
  const args = argv(pid);
  return args.length > 0 && path.basename(args[0]) === binary && markers.every((m) => args.join(' ').includes(m));
}

export function processGroup(pid) {
  const fields = procState(pid);
  return fields ? Number(fields[2]) : null;
}

/** Live (non-zombie) members of a process group: anything a `down` would leave behind. */
export function groupMembers(pgid) {
  const members = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procState(entry);
    if (fields && fields[0] !== 'Z' && Number(fields[2]) === pgid) members.push(Number(entry));
  }
  return members;
}

/**
 * Starts a long-running server that outlives this process: its own session
 * and process group (so `down` can signal the whole group), output appended to
 * logFile, and not holding our event loop open. Resolves once the process
 * exists; `exited` resolves with its exit code if it dies while we are still here.
 */
export function spawnDetached(cmd, args, { cwd, env = process.env, logFile }) {
  const out = fs.openSync(logFile, 'a');
  fs.writeSync(out, `\n--- ${new Date().toISOString()} starting: ${[cmd, ...args].join(' ')}\n`);
  const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve({ pid: child.pid, exited });
    });
  });
}

/** SIGTERM the group, give it graceTimeMs to shut down cleanly, then SIGKILL. */
export async function killGroup(pgid, graceTimeMs = 15_000) {
  const signal = (sig) => {
    try {
      process.kill(-pgid, sig);
    } catch (err) {
      if (err.code !== 'ESRCH') throw err;
    }
  };
  signal('SIGTERM');
  if (await waitUntil(() => groupMembers(pgid).length === 0, { timeoutMs: graceTimeMs })) return 'stopped';
  signal('SIGKILL');
  if (await waitUntil(() => groupMembers(pgid).length === 0, { timeoutMs: 5_000 })) return 'killed';
  throw new Error(`process group ${pgid} still alive after SIGKILL (pids ${groupMembers(pgid).join(', ')})`);
}

/** Polls check() until it is truthy or time runs out; stops early if stopIf() says so. */
export async function waitUntil(check, { timeoutMs, intervalMs = 100, stopIf = () => false }) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (stopIf() || Date.now() >= deadline) return false;
    await sleep(intervalMs);
  }
}

// ---------------------------------------------------------------- pid files

export function readPid(file) {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

export function writePid(file, pid) {
  fs.writeFileSync(file, `${pid}\n`);
}

export function mtimeMs(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

export function removeFile(file) {
  fs.rmSync(file, { force: true });
}

// ---------------------------------------------------------------- ports

/**
 * A port is free if we can bind it. Binding (rather than connecting) also
 * catches listeners on 0.0.0.0/[::] and sockets that do not accept yet.
 */
export function portFree(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/**
 * Which process listens on a TCP port, from /proc/net/tcp* and /proc/<pid>/fd.
 * Best effort: other users' fds are unreadable unless we are root.
 */
export function portOwner(port) {
  const inodes = new Set();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols[1] = local "ADDR:PORT" in hex, cols[3] = state (0A = LISTEN), cols[9] = inode
      if (cols.length > 9 && cols[3] === '0A' && Number.parseInt(cols[1].split(':')[1], 16) === port) {
        inodes.add(`socket:[${cols[9]}]`);
      }
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds = [];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (inodes.has(fs.readlinkSync(`/proc/${entry}/fd/${fd}`))) return Number(entry);
      } catch {
        // fd closed while we looked
      }
    }
  }
  return null;
}

// ---------------------------------------------------------------- probes

/**
 * Sends one request over a fresh TCP connection and resolves with the reply
 * once complete(reply) says it is whole, or null on error/timeout. Enough for
 * the tiny health-check exchanges of Redis, Kafka and the MongoDB protocol.
 */
export function tcpExchange(port, request, complete, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    let reply = Buffer.alloc(0);
    const socket = net.connect({ port, host: '127.0.0.1' });
    const finish = (value) => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(null));
    socket.once('error', () => finish(null));
    socket.once('close', () => finish(null));
    socket.once('connect', () => socket.write(request));
    socket.on('data', (chunk) => {
      reply = Buffer.concat([reply, chunk]);
      if (complete(reply)) finish(reply);
    });
  });
}

/** True if GET url answers 2xx. A fresh connection each time so no keep-alive socket outlives the check. */
export function httpOk(url, timeoutMs = 2_000) {
  return new Promise((resolve) => {
    const req = http.get(url, { agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode >= 200 && res.statusCode < 300);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
  });
}

// ---------------------------------------------------------------- locks

/**
 * Runs fn while holding an exclusive lock file (containing our pid). Parallel
 * `up` calls (e.g. several Jest workers) queue here instead of racing for the
 * same ports; a lock left by a dead process is taken over.
 */
export async function withLock(file, fn, timeoutMs = 15 * 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      const holder = readPid(file);
      // An empty lock file may be one another process is just writing: give it a moment.
      const stale = holder === null ? Date.now() - mtimeMs(file) > 5_000 : !isAlive(holder);
      if (stale && readPid(file) === holder) {
        removeFile(file);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for lock ${file} (held by pid ${holder})`);
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    removeFile(file);
  }
}
