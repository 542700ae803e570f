import type { Role } from '#contracts';

/** The signed-in user, as every service sees the caller. Identity always comes from the token. */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  deskIds: ReadonlySet<string>;
}

/** The sign-in session a token belongs to (its `sid`), and when the token expires. */
export interface AuthSession {
  id: string;
  expiresAt: Date;
}

/** What an accepted token stands for: the user, and the session it was issued in. */
export interface Authenticated {
  user: AuthUser;
  session: AuthSession;
}
