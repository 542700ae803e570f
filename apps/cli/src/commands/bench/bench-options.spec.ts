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

  it('reads --web with its keystrokes, typing rate, people and budget', () => {
    expect(parse('--web')).toMatchObject({
      mode: 'web',
      keystrokes: 200,
      rate: 10,
      budgetKib: 300,
      email: 'reporter@copydesk.local',
      editorEmail: 'editor@copydesk.local',
      password: DEMO_PASSWORD,
    });
    expect(
      parse('--web', '--keystrokes', '50', '--rate', '4', '--budget-kib', '250.5', '--editor-email', 'e@x.test'),
    ).toMatchObject({ mode: 'web', keystrokes: 50, rate: 4, budgetKib: 250.5, editorEmail: 'e@x.test' });
    expect(parse('--web', '--url', 'http://10.0.0.8:3000', '--allow-remote')).toMatchObject({
      mode: 'web',
      url: 'http://10.0.0.8:3000',
    });
  });

  it('refuses a bad --keystrokes or --budget-kib, a value for --web, and another mode beside it', () => {
    for (const argv of [
      ['--web', '--keystrokes', '0'],
      ['--web', '--keystrokes', '1.5'],
      ['--web', '--budget-kib', '0'],
      ['--web', '--budget-kib', 'lots'],
      ['--web', '--rate', '0'],
      ['--web', '--releases', '5'],
      ['--web', '--claims', '5'],
      ['--web', '--url', 'http://10.0.0.8:3000'],
    ]) {
      expect(() => parse(...argv)).toThrow(UsageError);
    }
    expect(() => parse('--web=yes')).toThrow(expect.objectContaining({ code: 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' }));
  });

  it('reads --reference with its rounds and its database, DATABASE_URL by default', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    expect(parseBenchOptions(['--reference', 'hocuspocus'], () => 7, env)).toMatchObject({
      mode: 'load',
      reference: 'hocuspocus',
      rounds: 2,
      referenceDatabaseUrl: env.DATABASE_URL,
    });
    expect(
      parseBenchOptions(
        ['--reference', 'hocuspocus', '--rounds', '3', '--reference-db', 'postgresql://u@127.0.0.1/r'],
        () => 7,
        env,
      ),
    ).toMatchObject({ rounds: 3, referenceDatabaseUrl: 'postgresql://u@127.0.0.1/r' });
    expect(parseBenchOptions([], () => 7, env)).toMatchObject({ reference: null, referenceDatabaseUrl: null });
  });

  it('refuses --reference without PostgreSQL, another server, another mode, or its options alone', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    for (const [argv, environment] of [
      [['--reference', 'hocuspocus'], {}],
      [['--reference', 'yjs'], env],
      [['--reference', 'hocuspocus', '--idle', '10'], env],
      [['--reference', 'hocuspocus', '--rounds', '0'], env],
      [['--reference', 'hocuspocus', '--reference-db', 'mysql://x'], env],
      [['--rounds', '2'], env],
      [['--reference-db', 'postgres://x'], env],
    ] as const) {
      expect(() => parseBenchOptions([...argv], () => 7, environment)).toThrow(UsageError);
    }
  });

  it('reads --editor-shards and --server-pid for the load mode', () => {
    expect(parse()).toMatchObject({ editorShards: 0, serverPid: null });
    expect(parse('--editors', '400', '--editor-shards', '3', '--server-pid', '1234')).toMatchObject({
      mode: 'load',
      editors: 400,
      editorShards: 3,
      serverPid: 1234,
    });
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    expect(parseBenchOptions(['--reference', 'hocuspocus', '--server-pid', '99'], () => 7, env)).toMatchObject({
      reference: 'hocuspocus',
      serverPid: 99,
    });
  });

  it('refuses --editor-shards and --server-pid where they do not apply', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    for (const argv of [
      ['--editor-shards=-1'],
      ['--editor-shards', '1.5'],
      ['--editor-shards', '65'],
      ['--editor-shards', '2', '--idle', '10'],
      ['--editor-shards', '2', '--reference', 'hocuspocus'],
      ['--server-pid', '0'],
      ['--server-pid', 'self'],
      ['--server-pid', '12', '--history', '10'],
      ['--server-pid', '12', '--url', 'http://10.0.0.8:3000', '--allow-remote'],
    ]) {
      expect(() => parseBenchOptions(argv, () => 7, env)).toThrow(UsageError);
    }
  });

  it('reads --timeline for the load mode only, without --reference', () => {
    expect(parse()).toMatchObject({ timeline: false });
    expect(parse('--timeline')).toMatchObject({ mode: 'load', timeline: true });
    expect(parse('--authors', '50', '--timeline')).toMatchObject({ shape: 'authors', timeline: true });
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    for (const argv of [
      ['--timeline', '--idle', '10'],
      ['--timeline', '--reference', 'hocuspocus'],
    ]) {
      expect(() => parseBenchOptions(argv, () => 7, env)).toThrow(UsageError);
    }
  });

  it('reads --authors with its observers, authors in one worker thread by default', () => {
    expect(parse()).toMatchObject({ shape: 'editors', editors: 20, viewers: 100, observers: 0 });
    expect(parse('--authors', '400', '--rate', '1')).toMatchObject({
      mode: 'load',
      shape: 'authors',
      editors: 400,
      viewers: 0,
      observers: 10,
      editorShards: 1,
      rate: 1,
    });
    expect(parse('--authors', '50', '--observers', '3', '--drafts', '3', '--editor-shards', '0')).toMatchObject({
      editors: 50,
      observers: 3,
      drafts: 3,
      editorShards: 0,
    });
  });

  it('refuses --authors and --observers where they do not apply', () => {
    const env = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/bench' };
    for (const argv of [
      ['--authors', '0'],
      ['--authors', '10', '--editors', '10'],
      ['--authors', '10', '--viewers', '5'],
      ['--authors', '10', '--observers', '0'],
      ['--authors', '10', '--observers', '2', '--drafts', '3'],
      ['--authors', '10', '--idle', '10'],
      ['--authors', '10', '--reference', 'hocuspocus'],
      ['--observers', '5'],
    ]) {
      expect(() => parseBenchOptions(argv, () => 7, env)).toThrow(UsageError);
    }
  });
});
