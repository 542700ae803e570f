import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { chmod, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig, resolveJwtSecret } from '#config';

/** The problems resolveJwtSecret stops the start with, or [] when it hands out a secret. */
async function problemsOf(dataDir: string): Promise<readonly string[]> {
  try {
    await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }, '/'));
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('the jwt-secret file of the embedded database', () => {
  let dataDir: string;
  let file: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'copydesk-secret-'));
    file = path.join(dataDir, 'jwt-secret');
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is generated on first start, long and owner-only, and used from then on', async () => {
    const secret = await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }, '/'));
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }, '/'))).toBe(secret);
  });

  it('is taken when an operator wrote a long enough one, spaces and newline trimmed', async () => {
    await writeFile(file, `  ${'k'.repeat(32)}\n`, { mode: 0o600 });
    expect(await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir }, '/'))).toBe('k'.repeat(32));
  });

  it.each([
    ['empty', ''],
    ['three characters', 'abc'],
    ['31 characters with spaces around them', `   ${'k'.repeat(31)}   \n`],
  ])('stops the start when it is %s, naming the file and the way out', async (_, content) => {
    await writeFile(file, content, { mode: 0o600 });
    const problems = await problemsOf(dataDir);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(file);
    expect(problems[0]).toMatch(/fewer than 32.*delete it/);
    // Nothing was generated in its place.
    expect(await readFile(file, 'utf8')).toBe(content);
  });

  it.each([0o640, 0o604, 0o620, 0o666])('stops the start when its mode is %o, naming chmod 600', async (mode) => {
    await writeFile(file, 'k'.repeat(48));
    await chmod(file, mode);
    const problems = await problemsOf(dataDir);
    expect(problems).toEqual([expect.stringContaining(`chmod 600 ${file}`)]);
  });

  it('lists both problems of a short secret anyone may read', async () => {
    await writeFile(file, 'abc');
    await chmod(file, 0o644);
    expect(await problemsOf(dataDir)).toHaveLength(2);
  });

  it('leaves a configured JWT_SECRET alone, whatever the file says', async () => {
    await writeFile(file, 'abc');
    await chmod(file, 0o666);
    const secret = 's'.repeat(32);
    expect(await resolveJwtSecret(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: secret }, '/'))).toBe(secret);
  });
});
