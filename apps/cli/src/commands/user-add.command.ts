import { parseArgs } from 'node:util';
import { AccountsService } from '#auth';
import { isRole } from '#domain';
import { withServices } from '../cli-context.js';
import { UsageError, type CommandIo } from '../command-io.js';

export const USER_ADD_USAGE =
  'copydesk user add --email E --password P --role reporter|fact_checker|editor|admin [--desk NAME] [--name N]';

export async function userAddCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string' },
      desk: { type: 'string' },
      name: { type: 'string' },
    },
    strict: true,
  });
  const missing = (['email', 'password', 'role'] as const).filter((key) => !values[key]);
  if (missing.length > 0)
    throw new UsageError(`Missing ${missing.map((m) => `--${m}`).join(', ')}.\n${USER_ADD_USAGE}`);
  if (!isRole(values.role)) throw new UsageError(`--role must be reporter, fact_checker, editor or admin`);
  if (values.password!.length < 8) throw new UsageError('--password must have at least 8 characters');
  const role = values.role;

  return withServices(async (context) => {
    const accounts = context.get(AccountsService);
    let deskIds: string[] = [];
    if (values.desk) {
      const desk = (await accounts.findDeskByName(values.desk)) ?? (await accounts.createDesk('system', values.desk));
      deskIds = [desk.id];
    }
    const user = await accounts.createUser('system', {
      email: values.email!,
      password: values.password!,
      role,
      displayName: values.name ?? values.email!.split('@')[0]!,
      deskIds,
    });
    io.out(`Added ${user.role} ${user.email} (${user.id})${values.desk ? ` to desk ${values.desk}` : ''}.`);
    return 0;
  });
}
