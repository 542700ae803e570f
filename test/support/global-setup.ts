import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Newest modification time of any file under the given folders (or given files) that `include` accepts. */
function newestSource(dirs: string[], include: (name: string) => boolean = (name) => name.endsWith('.ts')): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (include(entry.name)) newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    if (statSync(dir).isDirectory()) walk(dir);
    else newest = Math.max(newest, statSync(dir).mtimeMs);
  }
  return newest;
}

/** When a file was last written, 0 when it is not there. */
function builtAt(file: string): number {
  try {
    return statSync(path.resolve(file)).mtimeMs;
  } catch {
    return 0; // not built yet
  }
}

/**
 * Suites that start the server as a real child process (to SIGKILL it) need an up-to-date build, and
 * the browser suites need the web page built into dist/web (which the server serves at `/`).
 */
export default function globalSetup(): void {
  if (builtAt('dist/apps/server/src/main.js') < newestSource(['apps', 'libs'])) {
    process.stderr.write('Building the server for the child-process suites...\n');
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
      stdio: 'inherit',
    });
  }
  // The page bundles libs/client and libs/contracts too; the build writes dist/web/index.html after its assets.
  const buildWeb = 'scripts/build-web.mjs';
  if (!existsSync(buildWeb)) return;
  const webSources = ['apps/web', 'libs/client/src', 'libs/contracts/src', buildWeb];
  const notATest = (name: string) => !/\.(db-|e2e-)?spec\.ts$/.test(name);
  if (builtAt('dist/web/index.html') < newestSource(webSources, notATest)) {
    process.stderr.write('Building the web page for the browser suites...\n');
    execFileSync(process.execPath, [buildWeb], { stdio: 'inherit' });
  }
}
