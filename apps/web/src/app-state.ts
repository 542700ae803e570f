import { CopydeskClient, type SessionEndedInfo } from '#client';
import type { MeView } from '#contracts';

const TOKEN_KEY = 'copydesk.token';

/**
 * Who is signed in, and the one SDK client the page uses. The token lives in sessionStorage:
 * one sign-in per tab, gone when the tab closes, kept across a reload.
 */
export class AppState {
  readonly client: CopydeskClient;
  me: MeView | null = null;
  /** Set by the shell: asks the user to sign in again when the server ends the session. */
  reauthenticate: (info: SessionEndedInfo) => Promise<string | undefined> = async () => undefined;

  constructor() {
    this.client = new CopydeskClient({
      baseUrl: location.origin,
      token: sessionStorage.getItem(TOKEN_KEY) ?? undefined,
      onSessionEnded: async (info) => {
        sessionStorage.removeItem(TOKEN_KEY);
        const token = await this.reauthenticate(info);
        if (token) sessionStorage.setItem(TOKEN_KEY, token);
        return token;
      },
    });
  }

  get signedIn(): boolean {
    return this.me !== null;
  }

  /** Reads who the stored token belongs to; false when there is none or the server refuses it. */
  async restore(): Promise<boolean> {
    if (!this.client.token) return false;
    try {
      this.me = await this.client.me();
      return true;
    } catch {
      sessionStorage.removeItem(TOKEN_KEY);
      return false;
    }
  }

  async signIn(email: string, password: string): Promise<string> {
    const answer = await this.client.login(email, password);
    sessionStorage.setItem(TOKEN_KEY, answer.accessToken);
    this.me = await this.client.me();
    return answer.accessToken;
  }

  async signOut(): Promise<void> {
    try {
      await this.client.logout();
    } finally {
      sessionStorage.removeItem(TOKEN_KEY);
      this.me = null;
    }
  }
}
