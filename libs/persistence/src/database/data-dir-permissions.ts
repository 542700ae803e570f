import { chmod, readdir } from 'node:fs/promises';
import path from 'node:path';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Makes everything under the embedded data directory readable by its owner only: directories
 * 0700, files 0600. The embedded PostgreSQL lays out its files world-readable (some even
 * world-writable) and the directory holds the generated JWT secret. The top directory's 0700
 * alone already shuts everyone else out, including of files created later with looser modes;
 * the walk puts right what an older version left behind. Symbolic links are left alone.
 */
export async function restrictDataDir(dataDir: string): Promise<void> {
  await chmod(dataDir, PRIVATE_DIR_MODE);
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const target = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        await chmod(target, PRIVATE_DIR_MODE);
        await walk(target);
      } else if (entry.isFile()) {
        await chmod(target, PRIVATE_FILE_MODE);
      }
    }
  };
  await walk(dataDir);
}
