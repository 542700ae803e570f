import { parseArgs } from 'node:util';
import type { Role } from '#contracts';
import { AccountsService, type AuthUser } from '#auth';
import { DraftsService } from '#drafts';
import { UsersRepository } from '#persistence';
import { withServices } from '../cli-context.js';
import { UsageError, type CommandIo } from '../command-io.js';
import { DEMO_ARTICLE } from './demo-article.js';

/** Published in the README: strong enough for the password policy, but anyone may know it. */
export const DEMO_PASSWORD = 'olive-lantern-harbour';
const DEMO_DESK = 'Newsroom';
const DEMO_USERS: { email: string; role: Role; displayName: string }[] = [
  { email: 'reporter@copydesk.local', role: 'reporter', displayName: 'ريم الحلبي' },
  { email: 'checker@copydesk.local', role: 'fact_checker', displayName: 'سامر العلي' },
  { email: 'editor@copydesk.local', role: 'editor', displayName: 'ليلى منصور' },
  { email: 'admin@copydesk.local', role: 'admin', displayName: 'Admin' },
];

const ELSEWHERE =
  'This database has users other than the demo ones, so it is not a demo: seed --demo would add four ' +
  'accounts (an admin among them) whose password is published. Nothing was changed. Run it with --force ' +
  'to add them anyway.';

/**
 * `copydesk seed --demo`: a desk, the four demo users and an Arabic demo draft. Safe to run twice;
 * refused on a database with anyone else in it, unless --force.
 */
export async function seedCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { demo: { type: 'boolean' }, force: { type: 'boolean' } },
    strict: true,
  });
  if (!values.demo) throw new UsageError('Usage: copydesk seed --demo [--force]');

  return withServices(async (context) => {
    const accounts = context.get(AccountsService);
    const users = context.get(UsersRepository);
    if (!values.force && (await users.hasUsersOtherThan(DEMO_USERS.map((demo) => demo.email)))) {
      io.err(ELSEWHERE);
      return 1;
    }
    const desk = (await accounts.findDeskByName(DEMO_DESK)) ?? (await accounts.createDesk('system', DEMO_DESK));
    let reporter: AuthUser | undefined;
    for (const demo of DEMO_USERS) {
      const existing = await users.findByEmail(demo.email);
      const user = existing
        ? { id: existing.id, email: existing.email, displayName: existing.displayName, role: existing.role }
        : await accounts.createUser('system', { ...demo, password: DEMO_PASSWORD });
      await accounts.addMember('system', desk.id, user.id);
      io.out(`${existing ? 'Kept' : 'Added'} ${demo.role} ${demo.email}`);
      if (demo.role === 'reporter') reporter = { ...user, deskIds: new Set([desk.id]) };
    }
    const drafts = context.get(DraftsService);
    const found = await drafts.list(reporter!, { deskId: desk.id, q: DEMO_ARTICLE.headline, limit: 1 });
    if (found.items.length === 0) {
      const draft = await drafts.create(reporter!, { ...DEMO_ARTICLE, deskId: desk.id });
      io.out(`Added the demo draft ${draft.id}`);
    } else {
      io.out(`Kept the demo draft ${found.items[0]!.id}`);
    }
    io.out(`Sign in as any of them with the password ${DEMO_PASSWORD}.`);
    return 0;
  });
}
