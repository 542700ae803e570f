import { randomBytes } from 'node:crypto';
import { mkdir, open, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config-error.js';
import type { AppConfig } from './config.types.js';

/** The shortest HS256 secret taken, from JWT_SECRET or the data directory's file. */
export const MIN_SECRET_LENGTH = 32;

const SECRET_FILE = 'jwt-secret';

/**
 * The JWT secret: the configured one, or in embedded mode one generated on first start and kept
 * (owner-readable only) in the data directory so tokens survive restarts. A kept secret that is
 * too short, or that other users could read or change, stops the start (ConfigError).
 */
export async function resolveJwtSecret(config: AppConfig): Promise<string> {
  if (config.auth.jwtSecret) return config.auth.jwtSecret;
  if (config.database.kind !== 'embedded') throw new Error('JWT_SECRET is required');
  const file = path.join(config.database.dataDir, SECRET_FILE);
  const kept = await readSecretFile(file);
  if (kept !== null) return kept;
  await mkdir(config.database.dataDir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(48).toString('base64url');
  try {
    await writeFile(file, secret, { mode: 0o600, flag: 'wx' });
    return secret;
  } catch (error) {
    // Another process wrote it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      const theirs = await readSecretFile(file);
      if (theirs !== null) return theirs;
    }
    throw error;
  }
}

/** The secret kept in `file`, null when there is no file. */
async function readSecretFile(file: string): Promise<string | null> {
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    // The mode of the file as opened, so nothing can swap it between the check and the read.
    const { mode } = await handle.stat();
    const secret = (await handle.readFile('utf8')).trim();
    const problems: string[] = [];
    // Windows has no such permission bits; its ACLs are the operator's to set.
    if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
      problems.push(
        `${file} can be read or changed by other users (mode ${(mode & 0o777).toString(8)}): run chmod 600 ${file}`,
      );
    }
    if (secret.length < MIN_SECRET_LENGTH) {
      problems.push(
        `${file} holds a secret of ${secret.length} characters, fewer than ${MIN_SECRET_LENGTH}: delete it to have a new one generated (everyone signs in again), or write a longer one into it`,
      );
    }
    if (problems.length > 0) throw new ConfigError(problems);
    return secret;
  } finally {
    await handle.close();
  }
}
