import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PasswordHasher } from '#auth';
import { openDatabase, UsersRepository, type UserEntity } from '#persistence';
import { DEMO_PASSWORD } from '../../apps/cli/src/commands/seed.command.js';
import { runCli } from '../support/child-server.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { TEST_JWT_SECRET } from '../support/test-server.js';

const STRONG = 'kettle orchard violin dusk';

/** The environment that points the CLI at a test database. */
function cliEnv(testDb: TestDatabase): Record<string, string> {
  return testDb.config.kind === 'postgres'
    ? { DATABASE_URL: testDb.config.url, JWT_SECRET: TEST_JWT_SECRET }
    : { DATA_DIR: testDb.config.dataDir };
}

/** The user with this email as stored, read once the CLI has let go of the database. */
async function storedUser(testDb: TestDatabase, email: string): Promise<UserEntity | null> {
  const database = await openDatabase(testDb.config);
  try {
    return await new UsersRepository(database.dataSource).findByEmail(email);
  } finally {
    await database.close();
  }
}

async function storedEmails(testDb: TestDatabase): Promise<string[]> {
  const database = await openDatabase(testDb.config);
  try {
    return (await new UsersRepository(database.dataSource).list()).map((user) => user.email).sort();
  } finally {
    await database.close();
  }
}

/** Issue 14, finding 9: `user add --password` put the password on the command line. */
describe('copydesk user add', () => {
  let testDb: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    env = cliEnv(testDb);
    expect((await runCli(['migrate'], env)).code).toBe(0);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it.each([['--password', STRONG], [`--password=${STRONG}`]])(
    'refuses a password on the command line (%s), saying why and what to do instead',
    async (...option) => {
      const result = await runCli(['user', 'add', '--email', 'cli@example.test', '--role', 'reporter', ...option], env);
      expect(result.code).toBe(2);
      expect(result.output).toContain('--password is not accepted: a command line is visible to every user');
      expect(result.output).toContain('--password-stdin');
      expect(await storedUser(testDb, 'cli@example.test')).toBeNull();
    },
  );

  it('reads the password from standard input, less the line break that ends it', async () => {
    const result = await runCli(
      ['user', 'add', '--email', 'piped@example.test', '--role', 'editor', '--password-stdin', '--name', 'Noor'],
      env,
      `${STRONG}\n`,
    );
    expect(result.output).toMatch(/^Added editor piped@example.test \([0-9a-f-]{36}\)\.\n$/);
    expect(result.code).toBe(0);
    const user = await storedUser(testDb, 'piped@example.test');
    expect(user).toMatchObject({ displayName: 'Noor', role: 'editor' });
    expect(await new PasswordHasher().verify(user!.passwordHash, STRONG)).toBe(true);
  });

  it.each([
    ['12345678', 'password must be at least 10 characters long (it has 8)'],
    ['Password123', 'password is too easy to guess: This is a commonly used password; Add more words'],
    ['weak2024@example.test', 'password is too easy to guess'],
    ['كلمة\0السر الطويلة جدا', 'password must not contain control characters'],
  ])('refuses %j from standard input with the reason, adding nobody', async (password, reason) => {
    const result = await runCli(
      ['user', 'add', '--email', 'weak2024@example.test', '--role', 'reporter', '--password-stdin'],
      env,
      password,
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain(`The password was refused: ${reason}`);
    expect(await storedUser(testDb, 'weak2024@example.test')).toBeNull();
  });

  it('says how to give the password when there is no terminal to ask on', async () => {
    const result = await runCli(['user', 'add', '--email', 'x@example.test', '--role', 'reporter'], env, '');
    expect(result.code).toBe(2);
    expect(result.output).toContain(
      'There is no terminal to ask for the password on: pipe it in with --password-stdin.',
    );
  });

  // A real terminal: util-linux `script` runs the CLI on a pseudo-terminal and passes our keystrokes on.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  const atATerminal = hasScript ? describe : describe.skip;
  if (!hasScript) process.stderr.write('SKIPPED the terminal prompt tests: they need util-linux `script`\n');

  atATerminal('at a terminal', () => {
    /** Runs `copydesk user add` on a pseudo-terminal, answering each prompt in turn; resolves with everything the terminal showed. */
    const atTerminal = (args: string[], answers: string[]) =>
      new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
        const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
        const command = [process.execPath, path.resolve('bin/copydesk.js'), 'user', 'add', ...args]
          .map(quote)
          .join(' ');
        const child = spawn('script', ['-qec', command, '/dev/null'], { env: { ...process.env, ...env } });
        let screen = '';
        const pending = [...answers];
        child.stdout.on('data', (chunk: Buffer) => {
          screen += chunk.toString();
          // Each prompt ends with ": "; answer it as typed, Enter being a carriage return.
          if (pending.length > 0 && /(Password|Repeat the password): $/.test(screen))
            child.stdin.write(`${pending.shift()}\r`);
        });
        child.on('error', reject);
        child.on('exit', (code) => {
          child.stdin.end();
          resolve({ code, screen });
        });
      });

    it('asks twice without showing what is typed, and adds the user', async () => {
      const password = 'سماء بيروت زرقاء';
      // The first time with a slip put right with Backspace (DEL, as terminals send it).
      const { code, screen } = await atTerminal(
        ['--email', 'typed@example.test', '--role', 'reporter'],
        [`${password}xy\u007f\u007f`, password],
      );
      expect(screen).toContain('Password: ');
      expect(screen).toContain('Repeat the password: ');
      expect(screen).not.toContain('سماء');
      expect(screen).toMatch(/Added reporter typed@example.test/);
      expect(code).toBe(0);
      const user = await storedUser(testDb, 'typed@example.test');
      expect(await new PasswordHasher().verify(user!.passwordHash, password)).toBe(true);
    });

    it('adds nobody when the two answers differ', async () => {
      const { code, screen } = await atTerminal(
        ['--email', 'differ@example.test', '--role', 'reporter'],
        [STRONG, `${STRONG}!`],
      );
      expect(screen).toContain('The two passwords differ; nothing was added.');
      expect(screen).not.toContain('kettle');
      expect(code).toBe(2);
      expect(await storedUser(testDb, 'differ@example.test')).toBeNull();
    });
  });
});

/** Issue 14, finding 9: `seed --demo` ran anywhere, adding an admin with a published password. */
describe('copydesk seed --demo', () => {
  const DEMO_EMAILS = [
    'admin@copydesk.local',
    'checker@copydesk.local',
    'editor@copydesk.local',
    'reporter@copydesk.local',
  ];
  let testDb: TestDatabase;
  let env: Record<string, string>;

  beforeAll(async () => {
    testDb = await createTestDatabase();
    env = cliEnv(testDb);
  });
  afterAll(async () => {
    await testDb.dispose();
  });

  it('refuses a database that has other users, changing nothing, until told --force', async () => {
    const added = await runCli(
      ['user', 'add', '--email', 'owner@newsroom.example', '--role', 'admin', '--password-stdin'],
      env,
      STRONG,
    );
    expect(added.code).toBe(0);
    const refused = await runCli(['seed', '--demo'], env);
    expect(refused.code).toBe(1);
    expect(refused.output).toContain('This database has users other than the demo ones, so it is not a demo');
    expect(refused.output).toContain('--force');
    expect(await storedEmails(testDb)).toEqual(['owner@newsroom.example']);

    const forced = await runCli(['seed', '--demo', '--force'], env);
    expect(forced.code).toBe(0);
    expect(await storedEmails(testDb)).toEqual([...DEMO_EMAILS, 'owner@newsroom.example'].sort());
  });

  it('seeds an empty database, with a demo password the policy accepts, and may run again there', async () => {
    const fresh = await createTestDatabase();
    try {
      const freshEnv = cliEnv(fresh);
      const first = await runCli(['seed', '--demo'], freshEnv);
      expect(first.code).toBe(0);
      expect(first.output).toContain(`Sign in as any of them with the password ${DEMO_PASSWORD}.`);
      const again = await runCli(['seed', '--demo'], freshEnv);
      expect(again.code).toBe(0);
      expect(again.output).toContain('Kept admin admin@copydesk.local');
      expect(await storedEmails(fresh)).toEqual(DEMO_EMAILS);
      const admin = await storedUser(fresh, 'admin@copydesk.local');
      expect(await new PasswordHasher().verify(admin!.passwordHash, DEMO_PASSWORD)).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });
});
