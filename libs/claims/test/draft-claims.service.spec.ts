import { describe, expect, it } from '@jest/globals';
import type { AuthUser } from '#auth';
import { DraftClaimsService, type ClaimsReconciler } from '#claims';
import type { DocumentManager } from '#collab';
import type { ClaimsEvent } from '#contracts';
import type { DraftAccessService } from '#drafts';
import type { ClaimRecord, ClaimsRepository, SuggestionRecord } from '#persistence';

const DRAFT = 'draft-1';
const DESK = 'desk-of-the-draft';
const OTHER_DESK = 'another-desk';
const KEY = 'ordinal|90|العضو';
const AT = new Date('2026-02-10T09:00:00.000Z');

const record: ClaimRecord = {
  id: 'claim-1',
  draftId: DRAFT,
  kind: 'ordinal',
  origin: 'auto',
  anchor: {},
  head: {},
  text: 'رقم 90',
  startOffset: 10,
  endOffset: 16,
  value: 90,
  subject: 'العضو',
  note: null,
  memoryKey: KEY,
  status: 'unchecked',
  checkedText: null,
  stale: false,
  createdBy: null,
  createdAt: AT,
  updatedAt: AT,
  closedAt: null,
  closedReason: null,
  verdicts: [],
  findings: [
    {
      id: 'finding-1',
      claimId: 'claim-1',
      kind: 'inconsistent_figure',
      message: 'differs',
      text: 'رقم 90',
      createdAt: AT,
      dismissedBy: 'u-checker',
      dismissedByName: 'مدققة',
      dismissedAt: AT,
      dismissReason: 'both right',
    },
  ],
};

/** One remembered verdict on a claim of each desk asked about. */
function rememberedOn(deskId: string): SuggestionRecord {
  return {
    draftId: `draft-on-${deskId}`,
    claimId: `claim-on-${deskId}`,
    verdict: {
      id: `verdict-on-${deskId}`,
      claimId: `claim-on-${deskId}`,
      status: 'verified',
      note: null,
      evidence: [],
      byUserId: 'u-checker',
      byName: 'مدققة',
      at: AT,
      text: 'رقم 90',
      citesVerdictId: null,
    },
  };
}

function testBed(options: { suggestionsFail?: boolean } = {}) {
  const asked: string[][] = [];
  const events: ClaimsEvent[] = [];
  const claims = {
    dismissFinding: async () => record,
    suggestions: async (keys: readonly string[], deskIds: readonly string[]) => {
      asked.push([...deskIds]);
      if (options.suggestionsFail) throw new Error('storage down');
      return new Map(keys.map((key) => [key, deskIds.map(rememberedOn)]));
    },
  } as unknown as ClaimsRepository;
  const access = {
    require: async () => ({ draft: { id: DRAFT, deskId: DESK }, access: 'comment' }),
  } as unknown as DraftAccessService;
  const service = new DraftClaimsService(claims, access, {} as DocumentManager, {} as ClaimsReconciler);
  service.useEvents({ claimsChanged: (event) => void events.push(event) });
  return { service, asked, events };
}

const checkerOn = (...desks: string[]): AuthUser => ({
  id: 'u-checker',
  email: 'c@example.test',
  displayName: 'مدققة',
  role: 'fact_checker',
  deskIds: new Set(desks),
});

const suggestedDesks = (claim: { suggestions: { draftId: string }[] }) =>
  claim.suggestions.map((suggestion) => suggestion.draftId.replace('draft-on-', ''));

describe('DraftClaimsService: what a change announces', () => {
  it('gives the room the draft’s desk’s suggestions and the caller those of all their desks', async () => {
    const { service, asked, events } = testBed();
    const answer = await service.dismissFinding(checkerOn(DESK, OTHER_DESK), DRAFT, 'claim-1', 'finding-1', 'ok');
    expect(suggestedDesks(answer)).toEqual([DESK, OTHER_DESK]);
    expect(events).toHaveLength(1);
    expect(events[0]!.changed.map(suggestedDesks)).toEqual([[DESK]]);
    expect(asked).toEqual([[DESK], [DESK, OTHER_DESK]]);
    // Otherwise the same claim: who set the finding aside, by name.
    expect({ ...answer, suggestions: [] }).toEqual({ ...events[0]!.changed[0]!, suggestions: [] });
    expect(answer.findings[0]!.dismissed).toEqual({
      byUserId: 'u-checker',
      byName: 'مدققة',
      at: AT.toISOString(),
      reason: 'both right',
    });
  });

  it('asks once when the caller is on the draft’s desk alone', async () => {
    const { service, asked, events } = testBed();
    const answer = await service.dismissFinding(checkerOn(DESK), DRAFT, 'claim-1', 'finding-1', 'ok');
    expect(asked).toEqual([[DESK]]);
    expect(suggestedDesks(answer)).toEqual([DESK]);
    expect(events[0]!.changed[0]).toEqual(answer);
  });

  it('still announces and answers a stored change when the suggestions cannot be read', async () => {
    const { service, events } = testBed({ suggestionsFail: true });
    const answer = await service.dismissFinding(checkerOn(DESK, OTHER_DESK), DRAFT, 'claim-1', 'finding-1', 'ok');
    expect(answer.suggestions).toEqual([]);
    expect(events.map((event) => event.changed.map((claim) => claim.id))).toEqual([['claim-1']]);
  });
});
