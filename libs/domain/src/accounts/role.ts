import type { Role } from '#contracts';

export const ROLES: readonly Role[] = ['reporter', 'fact_checker', 'editor', 'admin'];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that may start a draft on a desk they belong to. */
export function canCreateDrafts(role: Role): boolean {
  return role === 'reporter' || role === 'editor';
}
