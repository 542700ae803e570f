import { ConfigError } from '#config';
import { isDomainError } from '#domain';
import { DataDirInUseError } from '#persistence';
import { processIo, UsageError, type CommandIo } from './command-io.js';
import { benchCommand } from './commands/bench/bench.command.js';
import { claimsCommand } from './commands/claims.command.js';
import { migrateCommand } from './commands/migrate.command.js';
import { seedCommand } from './commands/seed.command.js';
import { USER_ADD_USAGE, userAddCommand } from './commands/user-add.command.js';

const USAGE = `Usage: copydesk <command>

  migrate                      apply pending database migrations
  seed --demo [--force]        add the demo desk, users and Arabic draft (--force: to a
                               database that has other users)
  ${USER_ADD_USAGE}
  claims [FILE|-] [--lang ar|en] [--reference-date YYYY-MM-DD] [--jsonl]
                               extract checkable claims (see docs/claims.md)
  bench [options]              drive a running server with simulated editors (--help)

Every command reads the same environment as the server (DATABASE_URL, DATA_DIR, ...).`;

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'migrate':
        return await migrateCommand(io);
      case 'seed':
        return await seedCommand(rest, io);
      case 'user':
        if (rest[0] !== 'add') throw new UsageError(USER_ADD_USAGE);
        return await userAddCommand(rest.slice(1), io);
      case 'claims':
        return await claimsCommand(rest, io);
      case 'bench':
        return await benchCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err((error as Error).message);
      return 2;
    }
    if (error instanceof ConfigError || error instanceof DataDirInUseError) {
      io.err(error.message);
      return 1;
    }
    if (isDomainError(error)) {
      io.err(error.message);
      return 1;
    }
    throw error;
  }
}

runCli(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`copydesk failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
