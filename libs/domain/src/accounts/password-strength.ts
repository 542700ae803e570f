import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

/** What the estimator makes of a password: its score (0 to 4) and advice in English. */
export interface PasswordStrength {
  score: number;
  warning: string | null;
  suggestions: string[];
}

/**
 * The estimator reads this many code points of a password. Its pattern search grows quickly with
 * length (about 0.3 s for 64 repeated digits on a 2-core machine, 1 s for 256) and blocks the event
 * loop meanwhile; past 64 characters a password that starts strong is strong anyway.
 */
export const ESTIMATED_PREFIX = 64;

/** The name of the service: NIST SP 800-63B counts it among the context words a password must not lean on. */
const CONTEXT_WORDS = ['copydesk'];

// Loaded and built on first use, and dropped after a quiet minute: a password is checked only when
// one is set, and the estimator is large. Its dictionaries take about 12 MB of heap once loaded
// (they stay, in the module cache) and the ranked copies it builds from them 13 MB more (about
// 0.25 s to build; these are what the minute frees). Levenshtein matching stays off: it costs 0.2
// to 1 s a check and refuses little that the dictionaries do not.
const RELEASE_AFTER_MS = 60_000;
let estimator: Promise<ZxcvbnFactory> | undefined;
let release: ReturnType<typeof setTimeout> | undefined;

function theEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= loadEstimator().catch((error: unknown) => {
    estimator = undefined;
    throw error;
  });
  clearTimeout(release);
  release = setTimeout(() => (estimator = undefined), RELEASE_AFTER_MS);
  release.unref();
  return estimator;
}

async function loadEstimator(): Promise<ZxcvbnFactory> {
  // One after the other: jest's ESM loader fails on concurrent links of shared modules.
  const { ZxcvbnFactory } = await import('@zxcvbn-ts/core');
  const common = await import('@zxcvbn-ts/language-common');
  const english = await import('@zxcvbn-ts/language-en');
  return new ZxcvbnFactory({
    translations: english.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...english.dictionary },
    maxLength: ESTIMATED_PREFIX * 2,
  });
}

/**
 * Words a password must not be built on: the service's name and the owner's email and name, whole
 * and in parts (`noor.haddad@news.example` gives itself, noor.haddad, noor, haddad, news, example).
 * Parts under three letters would match everywhere and are left out.
 */
export function personalWords(owner: { email?: string; displayName?: string }): string[] {
  const words = new Set(CONTEXT_WORDS);
  const add = (text: string | undefined) => {
    if (!text) return;
    const lower = text.toLowerCase();
    for (const word of [lower, lower.replace(/\s+/gu, ''), ...lower.split(/[^\p{L}\p{N}]+/u)]) {
      if ([...word].length >= 3) words.add(word);
    }
  };
  add(owner.email);
  add(owner.email?.split('@')[0]);
  add(owner.displayName);
  return [...words];
}

/**
 * zxcvbn's estimate of how many guesses a password takes, as a score (0: under 10^3 guesses, 3:
 * under 10^10, 4: more), using its common-password, English and keyboard-pattern dictionaries
 * and the owner's own words. Pure but for one thing: the estimator counts recent years as
 * guessable, judging "recent" by the clock when it is built.
 */
export async function estimatePasswordStrength(
  password: string,
  ownWords: readonly string[],
): Promise<PasswordStrength> {
  const prefix = [...password].slice(0, ESTIMATED_PREFIX).join('');
  const result = (await theEstimator()).check(prefix, [...ownWords]);
  return { score: result.score, warning: result.feedback.warning, suggestions: result.feedback.suggestions };
}
