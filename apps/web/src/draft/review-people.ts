/**
 * Names for the ids the review log and review events carry. The page has no directory of users
 * (a non-admin cannot list them): it knows the user, the people present in the draft and whoever
 * gave a claim a verdict (and remembers them while it is open); anyone else is "a colleague".
 */
import { t } from '../i18n/i18n.js';
import type { DraftContext } from './draft-context.js';
import { knownNames, personOf, type PersonRef } from './review-log.js';

/** Names seen while the page is open: someone who was present and left is still named. */
const remembered = new Map<string, string>();

/** Takes in the names the session knows now; true when one was new (or changed), so parts may name them. */
export function learnNames(context: DraftContext): boolean {
  const names = knownNames(context.me, context.session.presence.values(), context.session.claims.values());
  let learnt = false;
  for (const [id, name] of names) {
    if (remembered.get(id) === name) continue;
    remembered.set(id, name);
    learnt = true;
  }
  return learnt;
}

/**
 * Calls `changed` when someone joins the draft or gives a verdict whose name the page did not
 * know (presence and claims events); returns how to stop.
 */
export function onNamesLearnt(context: DraftContext, changed: () => void): () => void {
  const check = () => {
    if (learnNames(context)) changed();
  };
  const offs = [context.session.on('presence', check), context.session.on('claims', check)];
  return () => offs.forEach((off) => off());
}

export function nameOf(context: DraftContext, ref: PersonRef): string {
  learnNames(context);
  const person = personOf(ref, context.me.id, remembered);
  switch (person.kind) {
    case 'me':
      return t('reviewBar.person.me');
    case 'scheduler':
      return t('reviewBar.person.scheduler');
    case 'named':
      // Isolated (FSI … PDI), so an Arabic name in an English sentence does not pull its neighbours along.
      return `\u2068${person.name}\u2069`;
    case 'unknown':
      return t('reviewBar.person.unknown');
  }
}
