import { ROLES, type Role } from '#contracts';

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Roles that may start a draft on a desk they belong to. */
export function canCreateDrafts(role: Role): boolean {
  return role === 'reporter' || role === 'editor';
}
