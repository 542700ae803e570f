import { afterEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { resolveJwtSecret, loadConfig } from '#config';
import { openDatabase, runMigrations } from '#persistence';
import { durablePgliteOptions } from '../src/database/durable-node-fs.js';

/** Every path under dir (itself included) with its permission bits, as `0700 rel/path`. */
async function modes(dir: string): Promise<{ dirs: Set<string>; files: Set<string>; loose: string[] }> {
  const dirs = new Set<string>();
  const files = new Set<string>();
  const loose: string[] = [];
  const visit = async (target: string, isDir: boolean) => {
    const mode = ((await stat(target)).mode & 0o777).toString(8);
    (isDir ? dirs : files).add(mode);
    if (mode !== (isDir ? '700' : '600')) loose.push(`${mode} ${path.relative(dir, target)}`);
    if (!isDir) return;
    for (const entry of await readdir(target, { withFileTypes: true })) {
      if (entry.isDirectory() || entry.isFile()) await visit(path.join(target, entry.name), entry.isDirectory());
    }
  };
  await visit(dir, true);
  return { dirs, files, loose };
}

// Creating a cluster on disk takes ~5 s alone, and several times that while the whole suite shares
// two cores (it once passed the default 30 s under CI-like load).
const INITDB_TIMEOUT_MS = 120_000;

describe('the embedded database on disk', () => {
  let dataDir: string;
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'keeps its directory and every file, the JWT secret included, to its owner',
    async () => {
      dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'copydesk-perm-')), 'data');
      const database = await openDatabase({ kind: 'embedded', dataDir });
      try {
        await runMigrations(database);
        await database.dataSource.query('CREATE TABLE after_open (id int)');
        await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }, '/'));
        const { loose, files } = await modes(dataDir);
        // Files PostgreSQL creates while running are 0600 already; the directory's 0700 covers any that are not.
        expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
        expect((await stat(path.join(dataDir, 'jwt-secret'))).mode & 0o777).toBe(0o600);
        expect((await stat(path.join(dataDir, 'copydesk.lock'))).mode & 0o777).toBe(0o600);
        expect(loose).toEqual([]);
        expect(files.size).toBeGreaterThan(0);
      } finally {
        await database.close();
      }
    },
    INITDB_TIMEOUT_MS,
  );

  it(
    'tightens a data directory an older version left open',
    async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-perm-'));
      await (await openDatabase({ kind: 'embedded', dataDir })).close();
      await chmod(dataDir, 0o755);
      await mkdir(path.join(dataDir, 'extra'), { mode: 0o777 });
      await writeFile(path.join(dataDir, 'extra', 'note'), 'x', { mode: 0o666 });
      await chmod(path.join(dataDir, 'extra', 'note'), 0o666);
      await chmod(path.join(dataDir, 'PG_VERSION'), 0o666);

      const database = await openDatabase({ kind: 'embedded', dataDir });
      await database.close();

      expect((await modes(dataDir)).loose).toEqual([]);
    },
    INITDB_TIMEOUT_MS,
  );
});

describe('the embedded database with fsync', () => {
  let dataDir: string;
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it(
    'runs with fsync on and syncs the WAL to disk at every commit',
    async () => {
      dataDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-fsync-'));
      const options = durablePgliteOptions(dataDir);
      const pglite = await PGlite.create(options);
      try {
        expect((await pglite.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync).toBe('on');
        expect((await pglite.query<{ wal_sync_method: string }>('SHOW wal_sync_method')).rows[0]?.wal_sync_method).toBe(
          'fsync',
        );
        await pglite.exec('CREATE TABLE t (n int)');
        const before = options.fs.syncs;
        for (let n = 0; n < 10; n++) await pglite.query('INSERT INTO t VALUES ($1)', [n]);
        expect(options.fs.syncs - before).toBeGreaterThanOrEqual(10);
      } finally {
        await pglite.close();
      }
    },
    INITDB_TIMEOUT_MS,
  );
});
