import { describe, expect, it } from '@jest/globals';
import { UsageError } from '../../command-io.js';
import { DEMO_PASSWORD } from '../seed.command.js';
import { parseBenchOptions } from './bench-options.js';

const parse = (...argv: string[]) => parseBenchOptions(argv, () => 7)!;

describe('parseBenchOptions', () => {
  it('signs in as the demo users by default', () => {
    expect(parse()).toMatchObject({
      mode: 'load',
      email: 'reporter@copydesk.local',
      password: DEMO_PASSWORD,
      editorEmail: 'editor@copydesk.local',
      adminEmail: 'admin@copydesk.local',
    });
  });

  it('reads --releases with its embargo and its people', () => {
    expect(parse('--releases', '50')).toMatchObject({ mode: 'releases', releases: 50, embargoMs: 1_500 });
    expect(
      parse('--releases', '3', '--embargo-ms', '0', '--editor-email', 'e@x.test', '--admin-email', 'a@x.test'),
    ).toMatchObject({ releases: 3, embargoMs: 0, editorEmail: 'e@x.test', adminEmail: 'a@x.test' });
  });

  it('refuses a bad --releases or --embargo-ms, another mode beside it, and a server elsewhere', () => {
    for (const argv of [
      ['--releases', '0'],
      ['--releases', '2.5'],
      ['--releases', '5', '--embargo-ms', '100'],
      ['--releases', '5', '--embargo-ms=-1'],
      ['--releases', '5', '--claims', '5'],
      ['--releases', '5', '--url', 'http://10.0.0.8:3000', '--allow-remote'],
    ]) {
      expect(() => parse(...argv)).toThrow(UsageError);
    }
  });
});
