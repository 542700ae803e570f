/**
 * A claim's kind, value, status and findings as the interface language writes them. Pure (no DOM,
 * no page state): the interface language and its strings are arguments, so the unit specs run in
 * Node. Figures use Latin digits in Arabic too, as the newsroom writes them (i18n.ts formatTime).
 */
import type {
  ClaimKind,
  ClaimStatus,
  DateValue,
  DraftClaim,
  FindingKind,
  MoneyValue,
  QuoteValue,
  Weekday,
} from '#contracts';
import type { claimsPanelMessages } from './claims-panel.messages.js';

export type ClaimsMessageKey = keyof (typeof claimsPanelMessages)['en'];
/** `t` of i18n.ts, narrowed to the claims panel's strings. */
export type Translate = (key: ClaimsMessageKey, params?: Record<string, string | number>) => string;
export type InterfaceLocale = 'ar' | 'en';

/** The Intl locale of the interface language: Levantine month names in Arabic, with Latin digits. */
export function intlLocale(locale: InterfaceLocale): string {
  return locale === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB';
}

export function kindLabel(kind: ClaimKind | null, tr: Translate): string {
  return tr(kind ? `claims.kind.${kind}` : 'claims.kind.none');
}

export function statusLabel(status: ClaimStatus, tr: Translate): string {
  return tr(`claims.status.${status}`);
}

export function findingLabel(kind: FindingKind, tr: Translate): string {
  return tr(`claims.finding.${kind}`);
}

export function formatNumber(value: number, locale: InterfaceLocale): string {
  const plain = new Intl.NumberFormat(intlLocale(locale), { maximumFractionDigits: 4 }).format(value);
  if (Math.abs(value) < 1_000_000) return plain;
  // 3,000,000 (3 million): the figure as the text may have written it in words, too.
  const words = new Intl.NumberFormat(intlLocale(locale), {
    notation: 'compact',
    compactDisplay: 'long',
    maximumFractionDigits: 3,
  }).format(value);
  return `${plain} (${words})`;
}

export function formatPercentage(value: number, locale: InterfaceLocale): string {
  return new Intl.NumberFormat(intlLocale(locale), { style: 'percent', maximumFractionDigits: 4 }).format(value / 100);
}

/** `3,000,000 US dollars (USD)`: the currency's name, and its code (bare ليرة is read as SYP: worth seeing). */
export function formatMoney(value: MoneyValue, locale: InterfaceLocale): string {
  try {
    const named = new Intl.NumberFormat(intlLocale(locale), {
      style: 'currency',
      currency: value.currency,
      currencyDisplay: 'name',
      minimumFractionDigits: 0,
      maximumFractionDigits: 2,
    }).format(value.amount);
    return `${named} (${value.currency})`;
  } catch {
    return `${formatNumber(value.amount, locale)} ${value.currency}`;
  }
}

/** `90th`; in Arabic the figure, which `claims.value.ordinal` words (المرتبة 90). */
export function formatOrdinal(value: number, locale: InterfaceLocale, tr: Translate): string {
  const figure = new Intl.NumberFormat(intlLocale(locale)).format(value);
  if (locale === 'ar') return tr('claims.value.ordinal', { rank: figure });
  const suffixes: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };
  const suffix = suffixes[new Intl.PluralRules('en-GB', { type: 'ordinal' }).select(value)] ?? 'th';
  return tr('claims.value.ordinal', { rank: `${figure}${suffix}` });
}

const DATE_SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
/** A day each weekday fell on (1970-01-04 was a Sunday), in WEEKDAYS order. */
const A_SUNDAY = Date.UTC(1970, 0, 4);
const DAY_MS = 86_400_000;
const WEEKDAY_INDEX: Record<Weekday, number> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

export function weekdayName(weekday: Weekday, locale: InterfaceLocale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(A_SUNDAY + WEEKDAY_INDEX[weekday] * DAY_MS),
  );
}

/**
 * `Monday, 9 February 2026` (the weekday it falls on), `February 2026`, `2025`; when the text
 * names another weekday than the date's, says so: `(the text says Sunday)`.
 */
export function formatDate(value: DateValue, locale: InterfaceLocale, tr: Translate): string {
  const parts = DATE_SHAPE.exec(value.date);
  if (!parts) return value.date;
  const [, year, month, day] = parts;
  const at = new Date(Date.UTC(Number(year), month ? Number(month) - 1 : 0, day ? Number(day) : 1));
  const options: Intl.DateTimeFormatOptions = day
    ? { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
    : month
      ? { month: 'long', year: 'numeric' }
      : { year: 'numeric' };
  const written = new Intl.DateTimeFormat(intlLocale(locale), { ...options, timeZone: 'UTC' }).format(at);
  if (day && value.weekday && WEEKDAY_INDEX[value.weekday] !== at.getUTCDay()) {
    return `${written} ${tr('claims.value.weekdayWritten', { weekday: weekdayName(value.weekday, locale) })}`;
  }
  return written;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The extractor's reading of the claim in the interface language, or null when there is nothing
 * to add to the text (a quote: its speaker is the claim's text, shown apart; a manual claim the
 * extractor does not read). Values of an unexpected shape read as nothing rather than throw.
 */
export function formatValue(
  claim: Pick<DraftClaim, 'kind' | 'value'>,
  locale: InterfaceLocale,
  tr: Translate,
): string | null {
  const { kind, value } = claim;
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'number':
      return typeof value === 'number' ? formatNumber(value, locale) : null;
    case 'percentage':
      return typeof value === 'number' ? formatPercentage(value, locale) : null;
    case 'ordinal':
      return typeof value === 'number' ? formatOrdinal(value, locale, tr) : null;
    case 'money':
      return isRecord(value) && typeof value.amount === 'number' && typeof value.currency === 'string'
        ? formatMoney(value as unknown as MoneyValue, locale)
        : null;
    case 'date':
      return isRecord(value) && typeof value.date === 'string'
        ? formatDate(value as unknown as DateValue, locale, tr)
        : null;
    default:
      return null;
  }
}

/** A quote's speaker as written (draft language), or null (not a quote, or no speaker named). */
export function quoteSpeaker(claim: Pick<DraftClaim, 'kind' | 'value'>): string | null {
  if (claim.kind !== 'quote' || !isRecord(claim.value)) return null;
  const speaker = (claim.value as unknown as QuoteValue).speaker;
  return typeof speaker === 'string' && speaker.trim() ? speaker : null;
}

/** One line for a tooltip: `Percentage: 45% · Verified`, and why it no longer counts when stale. */
export function claimTitle(
  claim: Pick<DraftClaim, 'kind' | 'value' | 'status' | 'stale'>,
  locale: InterfaceLocale,
  tr: Translate,
): string {
  const value = formatValue(claim, locale, tr);
  const kind = value ? `${kindLabel(claim.kind, tr)}: ${value}` : kindLabel(claim.kind, tr);
  const status = statusLabel(claim.status, tr);
  return claim.stale ? `${kind} · ${tr('claims.staleTitle', { status })}` : `${kind} · ${status}`;
}
