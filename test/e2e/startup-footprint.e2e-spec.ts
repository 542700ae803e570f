import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const ROOT = path.resolve('.');

// Loads the built server's whole module graph in a fresh process, without starting it, and lists
// the password estimator's files that are loaded: none until a password is checked, all after.
const SCRIPT = `
  import { createRequire } from 'node:module';
  const loaded = () => Object.keys(createRequire('${ROOT}/').cache).filter((file) => file.includes('@zxcvbn-ts'));
  await import('./dist/apps/server/src/create-app.js');
  const atStart = loaded().length;
  const { checkNewPassword } = await import('#domain');
  await checkNewPassword('kettle orchard violin dusk');
  process.stdout.write(JSON.stringify({ atStart, afterCheck: loaded().length }));
`;

describe('what the server loads at start', () => {
  it('leaves the password estimator (about 12 MB of dictionaries) unloaded until a password is checked', () => {
    const output = execFileSync(process.execPath, ['--input-type=module', '--eval', SCRIPT], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const { atStart, afterCheck } = JSON.parse(output) as { atStart: number; afterCheck: number };
    expect(atStart).toBe(0);
    expect(afterCheck).toBeGreaterThan(0);
  });
});
