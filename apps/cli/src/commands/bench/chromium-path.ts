/**
 * Which Chromium `bench --web` and the browser test suites (test/support/browser.ts) drive:
 * CHROMIUM_PATH when set (a path, or a program name looked up on PATH), else Debian's
 * /usr/bin/chromium, else `chromium` on PATH.
 */
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Debian's chromium package. */
export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Headless Chromium with nothing reaching out to Google's services (component updates, sync, QUIC
 * probes), which floods a machine with no internet; --no-sandbox because the bench may run as root.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ChromiumChoice {
  /** The program, or null when there is none. */
  path: string | null;
  /** Where it was looked for, for the message when it is missing. */
  lookedFor: string;
}

export function findChromium(): ChromiumChoice {
  // The bench is a harness, like the test suites: where the browser is is its own setting, not the server's.
  // eslint-disable-next-line no-restricted-syntax -- see above; #config holds the server's configuration
  const { CHROMIUM_PATH: wanted, PATH: searchPath = '' } = process.env;
  if (wanted) {
    const found = wanted.includes(path.sep) ? (isExecutableFile(wanted) ? wanted : null) : onPath(wanted, searchPath);
    return { path: found, lookedFor: `CHROMIUM_PATH=${wanted}` };
  }
  if (isExecutableFile(DEBIAN_CHROMIUM)) return { path: DEBIAN_CHROMIUM, lookedFor: DEBIAN_CHROMIUM };
  return { path: onPath('chromium', searchPath), lookedFor: `${DEBIAN_CHROMIUM} or chromium on PATH` };
}

function onPath(program: string, searchPath: string): string | null {
  for (const dir of searchPath.split(path.delimiter)) {
    if (dir && isExecutableFile(path.join(dir, program))) return path.join(dir, program);
  }
  return null;
}

function isExecutableFile(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
