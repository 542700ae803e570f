import { describe, expect, it } from '@jest/globals';
import { REVIEW_ACTIONS, REVIEW_STATES, ROLES } from '#contracts';
import { allowedActions, MAX_REVIEW_REASON_LENGTH, REVIEW_TRANSITIONS } from '#domain';
import { actionsFor, MAX_REASON_LENGTH, REVIEW_ACTION_RULES } from '../../apps/web/src/draft/review-rules.js';

// The web page may import only #client and #contracts, so it keeps its own copy of which review
// actions to offer. This holds the copy to the domain's table: a rule changed on one side only fails here.
describe("the web page's review rules", () => {
  const cases = REVIEW_STATES.flatMap((state) =>
    ROLES.flatMap((role) => [true, false].map((isAuthor) => [state, role, isAuthor] as const)),
  );
  it.each(cases)('offer in %s to a %s (author: %s) exactly the actions the domain allows', (state, role, isAuthor) => {
    const actor = { role, isAuthor } as const;
    expect(actionsFor(state, actor)).toEqual(allowedActions(state, actor));
  });

  it.each(REVIEW_ACTIONS)('ask for a reason and an embargo for %s exactly when the domain takes them', (action) => {
    const rule = REVIEW_ACTION_RULES[action];
    expect(rule.reasonRequired).toBe(REVIEW_TRANSITIONS[action].reasonRequired);
    expect(rule.takesEmbargo).toBe(REVIEW_TRANSITIONS[action].toWhenEmbargoed !== undefined);
  });

  it('limit reasons to the same length', () => {
    expect(MAX_REASON_LENGTH).toBe(MAX_REVIEW_REASON_LENGTH);
  });
});
