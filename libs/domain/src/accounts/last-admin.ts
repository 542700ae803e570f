import type { Role } from '#contracts';
import { DomainError } from '../errors/domain-error.js';

/** What makes a user an admin who can act: the role, and an account that is not disabled. */
export interface AdminStanding {
  role: Role;
  disabled: boolean;
}

export function isActiveAdmin(standing: AdminStanding): boolean {
  return standing.role === 'admin' && !standing.disabled;
}

/** Whether a change could take an active admin's rights away (a role other than admin, or disabling). */
export function mayRemoveAnAdmin(change: { role?: Role; disabled?: boolean }): boolean {
  return (change.role !== undefined && change.role !== 'admin') || change.disabled === true;
}

/**
 * Refuses a change that would leave no active admin: nobody could then manage users or desks,
 * and only someone with the database could repair it. `activeAdminIds` must be read under a lock
 * that holds until the change commits, or two admins demoting each other could both pass.
 */
export function checkAnAdminRemains(
  activeAdminIds: readonly string[],
  userId: string,
  before: AdminStanding,
  after: AdminStanding,
): void {
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  if (activeAdminIds.some((id) => id !== userId)) return;
  const what = after.disabled && !before.disabled ? 'disabled' : 'given another role';
  throw new DomainError(
    'CONFLICT',
    `This is the last active admin: it cannot be ${what}. Make another user an admin first.`,
  );
}
