import { DomainError } from '../errors/domain-error.js';
import { estimatePasswordStrength, personalWords } from './password-strength.js';

/** NIST SP 800-63B asks for at least 8; 10 leaves less to the strength estimate alone. */
export const PASSWORD_MIN_LENGTH = 10;

/**
 * NIST asks that at least 64 be allowed. 256 is far past what people type or password managers
 * make, and bounds what one request can hand to argon2 and to the strength estimate (argon2's
 * cost barely grows with length; the estimate's does, see ESTIMATED_PREFIX).
 */
export const PASSWORD_MAX_LENGTH = 256;

/** zxcvbn scores 0 to 4; 3 means at least 10^8 guesses, far more than throttled logins allow. */
export const PASSWORD_MIN_SCORE = 3;

/** Whose password it is: its words (email, name) make a password guessable for that account. */
export interface PasswordOwner {
  email?: string;
  displayName?: string;
}

// C0 (NUL, tab, line breaks, ...), DEL and C1: not typed, often cut off or mangled on the way.
const CONTROL = /\p{Cc}/u;
// With the u flag only a surrogate that has no partner matches: text that cannot be UTF-8 encoded.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * Why a password may not be set, one sentence each, in words for the person choosing it; empty
 * when it is fine. Lengths count characters (code points): an Arabic letter counts one, as does
 * an emoji. Any printable character is welcome, spaces included; nothing is trimmed or folded.
 */
export async function passwordProblems(password: string, owner: PasswordOwner = {}): Promise<string[]> {
  const problems: string[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`password must be at least ${PASSWORD_MIN_LENGTH} characters long (it has ${length})`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`password must be at most ${PASSWORD_MAX_LENGTH} characters long (it has ${length})`);
  }
  if (CONTROL.test(password)) {
    problems.push('password must not contain control characters such as NUL, tab or line breaks');
  }
  if (LONE_SURROGATE.test(password)) {
    problems.push('password must be valid Unicode text (it has an unpaired surrogate)');
  }
  // Only a password that could otherwise be set is worth estimating (and the estimate is costly).
  if (problems.length > 0) return problems;

  const strength = await estimatePasswordStrength(password, personalWords(owner));
  if (strength.score < PASSWORD_MIN_SCORE) {
    const why = strength.warning ? `: ${strength.warning}` : '';
    problems.push(`password is too easy to guess${why}`, ...strength.suggestions);
  }
  return problems;
}

/**
 * Refuses a password that may not be set, as VALIDATION_FAILED listing every reason under the
 * given field (`password`, or `newPassword` on a route that names it so). Every place a password
 * is set calls this: admin create and update, the CLI, the seed, a user changing their own.
 */
export async function checkNewPassword(password: string, owner: PasswordOwner = {}, field = 'password'): Promise<void> {
  const problems = await passwordProblems(password, owner);
  if (problems.length === 0) return;
  const messages = field === 'password' ? problems : problems.map((p) => p.replace(/^password\b/, field));
  const sentence = messages.map((message) => message.replace(/\.$/, '')).join('; ');
  throw new DomainError('VALIDATION_FAILED', `The ${field} was refused: ${sentence}.`, {
    fields: [{ field, messages }],
  });
}
