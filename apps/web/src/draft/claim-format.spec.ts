import { describe, expect, it } from '@jest/globals';
import type { DraftClaim } from '#contracts';
import {
  claimTitle,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercentage,
  formatValue,
  quoteSpeaker,
  weekdayName,
  type ClaimsMessageKey,
  type InterfaceLocale,
  type Translate,
} from './claim-format.js';
import { claimsPanelMessages } from './claims-panel.messages.js';

/** `t` of i18n.ts without the page: the panel's own strings, placeholders filled. */
const translator =
  (language: InterfaceLocale): Translate =>
  (key: ClaimsMessageKey, params = {}) =>
    (claimsPanelMessages[language][key] as string).replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
const en = translator('en');
const ar = translator('ar');
const claim = (kind: DraftClaim['kind'], value: unknown) => ({ kind, value }) as Pick<DraftClaim, 'kind' | 'value'>;

describe('claim values in the interface language', () => {
  it('writes numbers with grouping, and large ones in words too', () => {
    expect(formatNumber(45, 'en')).toBe('45');
    expect(formatNumber(1500, 'ar')).toBe('1,500');
    expect(formatNumber(1_500_000, 'en')).toBe('1,500,000 (1.5 million)');
    expect(formatNumber(3_000_000, 'ar')).toBe('3,000,000 (3 ملايين)');
  });

  it('writes percentages with the sign', () => {
    expect(formatPercentage(45, 'en')).toBe('45%');
    expect(formatPercentage(12.5, 'en')).toBe('12.5%');
    expect(formatPercentage(45, 'ar')).toContain('45');
    expect(formatPercentage(45, 'ar')).toContain('%');
  });

  it('writes money with the currency’s name and code, and survives an unknown code', () => {
    expect(formatMoney({ amount: 3_000_000, currency: 'USD' }, 'en')).toBe('3,000,000 US dollars (USD)');
    expect(formatMoney({ amount: 500, currency: 'SYP' }, 'ar')).toBe('500 ليرة سورية (SYP)');
    expect(formatMoney({ amount: 2.5, currency: 'EUR' }, 'en')).toBe('2.5 euros (EUR)');
    expect(formatMoney({ amount: 5, currency: 'not-a-code' }, 'en')).toBe('5 not-a-code');
  });

  it('writes dates with the weekday they fall on, Levantine months in Arabic', () => {
    // ICU versions differ on the comma after the weekday.
    expect(formatDate({ date: '2026-02-09' }, 'en', en)).toMatch(/^Monday,? 9 February 2026$/);
    expect(formatDate({ date: '2026-02-09' }, 'ar', ar)).toBe('الاثنين، 9 شباط 2026');
    expect(formatDate({ date: '2025-11' }, 'en', en)).toBe('November 2025');
    expect(formatDate({ date: '2025-11' }, 'ar', ar)).toBe('تشرين الثاني 2025');
    expect(formatDate({ date: '2025' }, 'en', en)).toBe('2025');
    expect(formatDate({ date: 'someday' }, 'en', en)).toBe('someday');
  });

  it('says so when the text names another weekday than the date’s', () => {
    expect(formatDate({ date: '2026-02-09', weekday: 'sunday' }, 'en', en)).toMatch(
      /^Monday,? 9 February 2026 \(the text says Sunday\)$/,
    );
    expect(formatDate({ date: '2026-02-09', weekday: 'sunday' }, 'ar', ar)).toBe(
      'الاثنين، 9 شباط 2026 (يذكر النص يوم الأحد)',
    );
    expect(formatDate({ date: '2026-02-09', weekday: 'monday' }, 'en', en)).toMatch(/^Monday,? 9 February 2026$/);
  });

  it('names every weekday', () => {
    expect(weekdayName('sunday', 'en')).toBe('Sunday');
    expect(weekdayName('saturday', 'en')).toBe('Saturday');
    expect(weekdayName('friday', 'ar')).toBe('الجمعة');
  });

  it('writes ranks as ordinals', () => {
    expect(formatValue(claim('ordinal', 90), 'en', en)).toBe('90th');
    expect(formatValue(claim('ordinal', 1), 'en', en)).toBe('1st');
    expect(formatValue(claim('ordinal', 22), 'en', en)).toBe('22nd');
    expect(formatValue(claim('ordinal', 13), 'en', en)).toBe('13th');
    expect(formatValue(claim('ordinal', 11), 'ar', ar)).toBe('المرتبة 11');
  });

  it('formats each kind, and reads nothing into a value of the wrong shape', () => {
    expect(formatValue(claim('number', 45), 'en', en)).toBe('45');
    expect(formatValue(claim('percentage', 45), 'en', en)).toBe('45%');
    expect(formatValue(claim('money', { amount: 5, currency: 'USD' }), 'en', en)).toBe('5 US dollars (USD)');
    expect(formatValue(claim('date', { date: '2026-02-09' }), 'en', en)).toMatch(/^Monday,? 9 February 2026$/);
    expect(formatValue(claim('quote', { speaker: 'الشيباني' }), 'en', en)).toBeNull();
    expect(formatValue(claim(null, null), 'en', en)).toBeNull();
    expect(formatValue(claim('money', 5), 'en', en)).toBeNull();
    expect(formatValue(claim('number', { amount: 5 }), 'en', en)).toBeNull();
  });

  it('reads a quote’s speaker', () => {
    expect(quoteSpeaker(claim('quote', { speaker: 'الشيباني' }))).toBe('الشيباني');
    expect(quoteSpeaker(claim('quote', { speaker: null }))).toBeNull();
    expect(quoteSpeaker(claim('number', 5))).toBeNull();
  });

  it('titles a highlight with kind, value and status, saying when it went stale', () => {
    const base = { kind: 'percentage', value: 45, status: 'verified', stale: false } as const;
    expect(claimTitle(base, 'en', en)).toBe('Percentage: 45% · Verified');
    expect(claimTitle({ ...base, stale: true }, 'en', en)).toBe(
      'Percentage: 45% · stale: the text changed since it was marked Verified',
    );
    expect(claimTitle({ kind: 'quote', value: { speaker: null }, status: 'unchecked', stale: false }, 'ar', ar)).toBe(
      'اقتباس · لم يُدقَّق',
    );
  });
});

describe('claims panel strings', () => {
  it('has every English key in Arabic, with the same placeholders', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(claimsPanelMessages.en)) {
      const arabic = (claimsPanelMessages.ar as Record<string, string>)[key];
      expect(arabic).toBeDefined();
      expect(placeholders(arabic!)).toEqual(placeholders(text));
    }
  });
});
