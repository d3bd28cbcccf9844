// Building Go servers from source with nothing but `go` and the module proxy.

import fs from 'node:fs';
import path from 'node:path';
import { run, which } from './proc.mjs';

/**
 * Builds the command package `pkg` (of `module`, at `version`) into
 * <cache>/<name>-<version>/bin/<last element of pkg>.
 *
 * A throwaway "tools" module pins the version (`go get -tool`). The module's
 * source is then copied next to it and swapped in with a `replace`, so that
 * patchSource() can add the files a release tarball would have generated
 * (FerretDB's version.txt, Mailpit's compiled web UI), which the module proxy
 * copy lacks. Everything happens in a scratch dir that only becomes the
 * install dir once the binary exists, so an interrupted build never looks
 * installed.
 */
export async function installGoTool({ cfg, name, module, version, revision = '', pkg, ldflags, env, logFile, patchSource }) {
  const go = which('go', env);
  if (!go) throw new Error(`go not found (needed once to build ${name} ${version})`);

  const target = goToolBinary(cfg, name, version, pkg, revision);
  const scratch = path.join(cfg.cacheDir, '.build', `${name}-${version}-${process.pid}`);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  const goEnv = { ...env, GOWORK: 'off', GOBIN: path.join(scratch, 'bin') };
  const goRun = (...args) => run(go, args, { cwd: scratch, env: goEnv, logFile });

  try {
    await goRun('mod', 'init', 'tools');
    await goRun('get', '-tool', `${pkg}@${version}`);
    const { Dir } = JSON.parse(await goRun('mod', 'download', '-json', `${module}@${version}`));
    const src = path.join(scratch, 'src');
    fs.cpSync(Dir, src, { recursive: true });
    await run('chmod', ['-R', 'u+w', src], { logFile }); // the module cache is read-only
    await patchSource?.(src);
    await goRun('mod', 'edit', '-replace', `${module}=./src`);
    await goRun('install', ...(ldflags ? [`-ldflags=${ldflags}`] : []), pkg);

    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(path.join(scratch, 'bin', path.basename(pkg)), target);
  } catch (err) {
    throw new Error(`build failed: ${err.message}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** `revision` names our own patches to a version, so a changed patch builds anew instead of reusing the cache. */
export function goToolBinary(cfg, name, version, pkg, revision = '') {
  return path.join(cfg.cacheDir, `${name}-${version}${revision}`, 'bin', path.basename(pkg));
}
