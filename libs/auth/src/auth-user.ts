import type { Role } from '#contracts';

/** The signed-in user, as every service sees the caller. Identity always comes from the token. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  deskIds: ReadonlySet<string>;
}
