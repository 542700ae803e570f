import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe } from '@jest/globals';

/** Where the PostgreSQL server programs (initdb, pg_ctl) live: PG_BIN, else the newest /usr/lib/postgresql/<n>/bin. */
export function postgresBinDir(): string | null {
  const candidates = process.env.PG_BIN ? [process.env.PG_BIN] : debianPostgresBinDirs();
  return (
    candidates.find((dir) => isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'))) ?? null
  );
}

/** The full path of a program on PATH, or null. */
export function onPath(program: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, program))) return path.join(dir, program);
  }
  return null;
}

export type Binary = 'postgres' | 'redis-server';

/**
 * Suites that start their own PostgreSQL cluster or Redis server run wherever the programs are
 * installed (CI has them); otherwise they are skipped with a plain message, never silently.
 * `describeFn` lets a suite add its other guards (describeWithServices).
 */
export function describeWithBinaries(
  needs: Binary[],
  name: string,
  body: () => void,
  describeFn: (name: string, body: () => void) => void = describe,
): void {
  const missing = needs.filter((need) => !installed(need));
  if (missing.length === 0) {
    describeFn(name, body);
    return;
  }
  const why = missing
    .map((need) =>
      need === 'postgres' ? 'the PostgreSQL server programs (initdb, pg_ctl; set PG_BIN; runuser as root)' : need,
    )
    .join(' and ');
  process.stderr.write(`SKIPPED "${name}": it needs ${why}\n`);
  const skip = describe.skip;
  skip(`${name} (skipped: install ${missing.join(' and ')})`, body);
}

function installed(need: Binary): boolean {
  if (need !== 'postgres') return onPath(need) !== null;
  // As root, the cluster runs as the `postgres` OS user (PostgreSQL refuses root), through runuser.
  return postgresBinDir() !== null && (process.getuid?.() !== 0 || onPath('runuser') !== null);
}

function debianPostgresBinDirs(): string[] {
  const root = '/usr/lib/postgresql';
  try {
    return readdirSync(root)
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => path.join(root, version, 'bin'));
  } catch {
    return [];
  }
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
