/** Turns the recognisers' candidates (normalised spans) into the contract's claims (input spans). */

import type { ExtractedClaim } from '#contracts';
import { toSourceSpan, type NormalisedText } from './normalise.js';
import type { ClaimCandidate, Span } from './scan-context.js';

function sourceText(normalised: NormalisedText, span: Span | null): string | null {
  if (span === null) return null;
  const { start, end } = toSourceSpan(normalised, span.start, span.end);
  return normalised.source.slice(start, end);
}

/** Subject compared without diacritics (already gone) and without the article. */
export function subjectKey(normalised: NormalisedText, span: Span | null): string | null {
  if (span === null) return null;
  const text = normalised.text.slice(span.start, span.end);
  return text.startsWith('ال') && text.length > 3 ? text.slice(2) : text;
}

export function toClaim(normalised: NormalisedText, candidate: ClaimCandidate): ExtractedClaim {
  const { start, end } = toSourceSpan(normalised, candidate.start, candidate.end);
  const text = normalised.source.slice(start, end);
  switch (candidate.kind) {
    case 'number':
    case 'percentage':
      return { kind: candidate.kind, text, start, end, value: candidate.value };
    case 'money':
      return { kind: 'money', text, start, end, value: candidate.value };
    case 'ordinal': {
      const subject = sourceText(normalised, candidate.subject);
      return subject === null
        ? { kind: 'ordinal', text, start, end, value: candidate.value }
        : { kind: 'ordinal', text, start, end, value: candidate.value, subject };
    }
    case 'date':
      return { kind: 'date', text, start, end, value: candidate.value, calendar: candidate.calendar };
    case 'quote':
      return {
        kind: 'quote',
        text,
        start,
        end,
        value: { speaker: sourceText(normalised, candidate.value.speaker) },
        form: candidate.form,
      };
  }
}
