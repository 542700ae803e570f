import { DRAFT_ACCESS_LEVELS, type DraftAccess, type Role } from '#contracts';

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
 * verdicts, not the body); others on the desk view; anyone else sees nothing (`null`: the draft
 * does not exist for them).
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

/** Whether `access` includes `needed`: the levels are listed weakest first. */
export function accessAtLeast(access: DraftAccess, needed: DraftAccess): boolean {
  return DRAFT_ACCESS_LEVELS.indexOf(access) >= DRAFT_ACCESS_LEVELS.indexOf(needed);
}
