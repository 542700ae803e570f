/**
 * Names for the people the review log, review events, revisions and publications name. The server
 * sends each id with its display name (docs/review.md), so the page needs no directory of users;
 * the user is "you", the scheduler is named as such, and a user who no longer exists (no name) is
 * "a colleague".
 */
import { t } from '../i18n/i18n.js';
import type { DraftContext } from './draft-context.js';
import { personOf, type PersonRef } from './review-log.js';

export function nameOf(context: DraftContext, ref: PersonRef, name: string | null): string {
  const person = personOf(ref, name, context.me.id);
  switch (person.kind) {
    case 'me':
      return t('reviewBar.person.me');
    case 'scheduler':
      return t('reviewBar.person.scheduler');
    case 'named':
      return isolated(person.name);
    case 'unknown':
      return t('reviewBar.person.unknown');
  }
}

/** Isolated (FSI … PDI), so an Arabic name in an English sentence does not pull its neighbours along. */
export function isolated(name: string): string {
  return `\u2068${name}\u2069`;
}
