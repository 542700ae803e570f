import { parseArgs } from 'node:util';
import { AccountsService } from '#auth';
import { checkNewPassword, isRole } from '#domain';
import { withServices } from '../cli-context.js';
import { UsageError, type CommandIo } from '../command-io.js';
import { promptSecrets, readPipedSecret, type TerminalInput } from '../secret-prompt.js';

export const USER_ADD_USAGE =
  'copydesk user add --email E --role reporter|fact_checker|editor|admin [--desk NAME] [--name N] [--password-stdin]';

const NOT_ON_THE_COMMAND_LINE =
  '--password is not accepted: a command line is visible to every user of the machine (ps, /proc) and ' +
  'stays in shell history. Leave it out to be asked for the password, or pipe it in with --password-stdin.';

/** The password from a pipe (--password-stdin) or asked twice at the terminal, never echoed. */
async function readPassword(fromStdin: boolean): Promise<string> {
  const stdin = process.stdin as TerminalInput;
  if (fromStdin) {
    if (stdin.isTTY) throw new UsageError('--password-stdin reads a pipe; at a terminal, leave it out to be asked.');
    return readPipedSecret(stdin);
  }
  if (!stdin.isTTY) {
    throw new UsageError('There is no terminal to ask for the password on: pipe it in with --password-stdin.');
  }
  const [password, again] = await promptSecrets(['Password: ', 'Repeat the password: '], stdin, process.stderr);
  if (password !== again) throw new UsageError('The two passwords differ; nothing was added.');
  return password!;
}

export async function userAddCommand(argv: string[], io: CommandIo): Promise<number> {
  // Looked for before parsing, so that `--password` with or without a value gets the reason.
  if (argv.some((arg) => arg === '--password' || arg.startsWith('--password='))) {
    throw new UsageError(NOT_ON_THE_COMMAND_LINE);
  }
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      role: { type: 'string' },
      desk: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const missing = (['email', 'role'] as const).filter((key) => !values[key]);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n${USER_ADD_USAGE}`);
  if (!isRole(values.role)) throw new UsageError(`--role must be reporter, fact_checker, editor or admin`);
  const role = values.role;
  const email = values.email!;
  const displayName = values.name ?? email.split('@')[0]!;

  const password = await readPassword(values['password-stdin'] === true);
  // Told before the database is opened; the service checks again, as for every password it sets.
  await checkNewPassword(password, { email, displayName });

  return withServices(async (context) => {
    const accounts = context.get(AccountsService);
    let deskIds: string[] = [];
    if (values.desk) {
      const desk = (await accounts.findDeskByName(values.desk)) ?? (await accounts.createDesk('system', values.desk));
      deskIds = [desk.id];
    }
    const user = await accounts.createUser('system', { email, password, role, displayName, deskIds });
    io.out(`Added ${user.role} ${user.email} (${user.id})${values.desk ? ` to desk ${values.desk}` : ''}.`);
    return 0;
  });
}
