import type { SessionEndCode } from '#contracts';

/**
 * How a sign-in ended, as the application's `onSessionEnded` hears it: the server said so just
 * before closing the socket (`SESSION_EXPIRED`, `SESSION_REVOKED`), or refused the token at a
 * reconnect (`UNAUTHORIZED`: it expired or was revoked while the client was offline).
 */
export interface SessionEndedInfo {
  code: SessionEndCode | 'UNAUTHORIZED';
  message: string;
}

/**
 * The application's answer: a new access token (after signing the user in again, or from its
 * own refresh), or nothing to stay signed out until `login()` is called.
 */
export type SessionEndedHandler = (
  ended: SessionEndedInfo,
) => string | null | undefined | void | Promise<string | null | undefined | void>;

/**
 * Asks the application for a new token when the server ends the socket's sign-in, and hands it
 * to `resume`. One question at a time; the token that was just refused is never tried again (it
 * would only be refused again, in a loop), nor is anything when the application has no answer.
 */
export class SessionRenewal {
  private asking = false;

  constructor(
    private readonly handler: SessionEndedHandler | undefined,
    private readonly currentToken: () => string | null,
    private readonly resume: (token: string) => void,
  ) {}

  /** Resolves once the application has answered (at once without a handler, or while it is asked already). */
  async ended(info: SessionEndedInfo): Promise<void> {
    if (!this.handler || this.asking) return;
    this.asking = true;
    const refused = this.currentToken();
    try {
      const token = await this.handler(info);
      if (typeof token === 'string' && token !== '' && token !== refused) this.resume(token);
    } catch {
      // The application could not sign anyone in: stay signed out until login() is called.
    } finally {
      this.asking = false;
    }
  }
}
