// Mailpit: catches every mail the hub sends (SMTP) and shows it through a
// REST API (what tests read) and a web inbox (what people read).

import fs from 'node:fs';
import path from 'node:path';
import { goToolBinary, installGoTool } from '../install.mjs';
import { httpOk, run, which } from '../proc.mjs';

const MODULE = 'github.com/axllent/mailpit';
const VERSION = 'v1.27.11';
const PKG = MODULE;

const binary = (cfg) => goToolBinary(cfg, 'mailpit', VERSION, PKG);

export default {
  name: 'mailpit',
  readyTimeoutMs: 30_000,
  ports: (cfg) => [cfg.ports.smtp, cfg.ports.mailpitHttp],
  dataPaths: (cfg) => [path.join(cfg.dataDir, 'mailpit')],
  logFiles: (cfg) => [path.join(cfg.logsDir, 'mailpit.log')],
  binary: 'mailpit',
  markers: (cfg) => [path.join(cfg.dataDir, 'mailpit')],

  installed: (cfg) => fs.existsSync(binary(cfg)),

  install: (cfg, env, logFile) =>
    installGoTool({
      cfg, name: 'mailpit', module: MODULE, version: VERSION, pkg: PKG, env, logFile,
      // Release builds stamp the version this way; otherwise the UI says "dev".
      ldflags: `-X ${MODULE}/config.Version=${VERSION}`,
      // The web UI's JS/CSS are compiled at release time and are not in the
      // module source; without this step the inbox page loads blank.
      async patchSource(src) {
        const npm = which('npm', env);
        if (!npm) throw new Error('npm not found (needed once to build the Mailpit web UI)');
        await run(npm, ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: src, env, logFile });
        await run(npm, ['run', 'build'], { cwd: src, env, logFile });
        fs.rmSync(path.join(src, 'node_modules'), { recursive: true, force: true });
      },
    }),

  async prepare(cfg) {
    const dir = path.join(cfg.dataDir, 'mailpit');
    fs.mkdirSync(dir, { recursive: true });
    return {
      cmd: binary(cfg),
      args: [
        '--smtp', `127.0.0.1:${cfg.ports.smtp}`,
        '--listen', `127.0.0.1:${cfg.ports.mailpitHttp}`,
        '--database', path.join(dir, 'mailpit.db'),
        // The hub authenticates like it would against a real relay; accept anything.
        '--smtp-auth-accept-any',
        '--smtp-auth-allow-insecure',
        // Reverse DNS on every connection stalls SMTP on machines without DNS.
        '--smtp-disable-rdns',
        // Keep everything: tests look up mails by recipient, pruning would make them flaky.
        '--max', '0',
        '--disable-version-check',
      ],
    };
  },

  ready: (cfg) => httpOk(`http://127.0.0.1:${cfg.ports.mailpitHttp}/readyz`),
};
