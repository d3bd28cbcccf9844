// Redis from the OS package, run with our own command line instead of the
// system service so data, port and lifetime belong to this stack dir.

import fs from 'node:fs';
import path from 'node:path';
import { run, tcpExchange, which } from '../proc.mjs';

// Debian ships redis-server as a symlink to redis-check-rdb (package
// redis-tools); the binary picks its mode from the name it is run under. We
// install redis-tools and link the name ourselves: installing the
// redis-server package would also enable and start a system service that
// grabs port 6379 on hosts with systemd.
const cachedLink = (cfg) => path.join(cfg.cacheDir, 'redis', 'bin', 'redis-server');

function binary(cfg, env) {
  return which('redis-server', env) ?? (fs.existsSync(cachedLink(cfg)) ? cachedLink(cfg) : null);
}

export default {
  name: 'redis',
  readyTimeoutMs: 30_000,
  ports: (cfg) => [cfg.ports.redis],
  dataPaths: (cfg) => [path.join(cfg.dataDir, 'redis')],
  logFiles: (cfg) => [path.join(cfg.logsDir, 'redis.log')],
  binary: 'redis-server',
  markers: (cfg) => [path.join(cfg.dataDir, 'redis')],

  installed: (cfg, env) => binary(cfg, env) !== null,

  async install(cfg, env, logFile) {
    if (process.getuid?.() !== 0) {
      throw new Error('redis-server not found (install it: sudo apt-get install redis-server)');
    }
    const aptGet = which('apt-get', env);
    if (!aptGet) throw new Error('redis-server not found and apt-get is not available to install it');
    const install = () => run(aptGet, ['install', '-y', '--no-install-recommends', 'redis-tools'], {
      env: { ...env, DEBIAN_FRONTEND: 'noninteractive' },
      logFile,
    });
    try {
      await install();
    } catch {
      // Fresh containers often have no package lists yet.
      await run(aptGet, ['update'], { env, logFile });
      await install().catch((err) => {
        throw new Error(`apt-get install redis-tools failed: ${err.message}`);
      });
    }
    const checker = which('redis-check-rdb', env);
    if (!checker) throw new Error('redis-tools installed but redis-check-rdb is missing');
    fs.mkdirSync(path.dirname(cachedLink(cfg)), { recursive: true });
    fs.rmSync(cachedLink(cfg), { force: true });
    fs.symlinkSync(fs.realpathSync(checker), cachedLink(cfg));
  },

  async prepare(cfg, env) {
    const dir = path.join(cfg.dataDir, 'redis');
    fs.mkdirSync(dir, { recursive: true });
    return {
      cmd: binary(cfg, env),
      args: [
        '--port', String(cfg.ports.redis),
        '--bind', '127.0.0.1',
        '--dir', dir,
        // Durable enough for tests that restart Redis; no RDB snapshots on top.
        '--appendonly', 'yes',
        '--save', '',
        // Queues and locks live here: failing writes beat silently evicted keys.
        '--maxmemory-policy', 'noeviction',
        '--daemonize', 'no',
        // Keep the full command line in /proc so we can recognise our process.
        '--set-proc-title', 'no',
        // Empty logfile = stdout, which spawnDetached sends to redis.log.
        '--logfile', '',
      ],
    };
  },

  async ready(cfg) {
    // -LOADING while the append-only file is replayed; only +PONG means usable.
    const reply = await tcpExchange(cfg.ports.redis, 'PING\r\n', (buf) => buf.includes('\r\n'));
    return reply?.toString().startsWith('+PONG') ?? false;
  },
};
