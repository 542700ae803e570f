import type { Role } from '#contracts';

/** What a user may do with a draft; `null` means the draft does not exist for them. */
export type DraftAccess = 'edit' | 'comment' | 'view';

export interface AccessSubject {
  userId: string;
  role: Role;
  /** Desks the user belongs to. */
  deskIds: ReadonlySet<string>;
}

export interface AccessTarget {
  deskId: string;
  authorIds: readonly string[];
}

/**
 * The access rules: authors and desk editors edit; desk fact-checkers comment (claims and
 * verdicts, not the body); others on the desk view; anyone else sees nothing.
 */
export function draftAccessFor(subject: AccessSubject, draft: AccessTarget): DraftAccess | null {
  if (!subject.deskIds.has(draft.deskId)) return null;
  if (draft.authorIds.includes(subject.userId)) return 'edit';
  switch (subject.role) {
    case 'editor':
      return 'edit';
    case 'fact_checker':
      return 'comment';
    case 'reporter':
    case 'admin':
      return 'view';
  }
}

const RANK: Record<DraftAccess, number> = { view: 0, comment: 1, edit: 2 };

export function accessAtLeast(access: DraftAccess, needed: DraftAccess): boolean {
  return RANK[access] >= RANK[needed];
}
