/**
 * Findings the extractor can prove without a human: a named weekday the date does not fall on,
 * a day that does not exist, and one subject ranked with different figures.
 */

import type { ClaimFinding, ExtractedClaim, Language, Weekday } from '#contracts';
import type { InvalidDate } from './scan-context.js';
import { ARABIC_WEEKDAY_NAMES } from './weekdays.js';

const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const ARABIC_MONTHS = [
  'كانون الثاني/يناير',
  'شباط/فبراير',
  'آذار/مارس',
  'نيسان/أبريل',
  'أيار/مايو',
  'حزيران/يونيو',
  'تموز/يوليو',
  'آب/أغسطس',
  'أيلول/سبتمبر',
  'تشرين الأول/أكتوبر',
  'تشرين الثاني/نوفمبر',
  'كانون الأول/ديسمبر',
];
const HIJRI_MONTHS_EN = [
  'Muharram',
  'Safar',
  'Rabi al-Awwal',
  'Rabi al-Thani',
  'Jumada al-Ula',
  'Jumada al-Akhira',
  'Rajab',
  "Sha'ban",
  'Ramadan',
  'Shawwal',
  "Dhu al-Qa'da",
  'Dhu al-Hijja',
];
const HIJRI_MONTHS_AR = [
  'محرم',
  'صفر',
  'ربيع الأول',
  'ربيع الآخر',
  'جمادى الأولى',
  'جمادى الآخرة',
  'رجب',
  'شعبان',
  'رمضان',
  'شوال',
  'ذو القعدة',
  'ذو الحجة',
];

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

function weekdayMessage(language: Language, date: string, actual: Weekday, named: Weekday): string {
  if (language === 'ar') {
    return `التاريخ ${date} يوافق يوم ${ARABIC_WEEKDAY_NAMES[actual]} وليس ${ARABIC_WEEKDAY_NAMES[named]}.`;
  }
  return `${date} is a ${capitalise(actual)}, not a ${capitalise(named)}.`;
}

function invalidDateMessage(language: Language, invalid: InvalidDate): string {
  const { calendar, year, month, day, daysInMonth } = invalid;
  if (language === 'ar') {
    const name =
      calendar === 'hijri' ? `${HIJRI_MONTHS_AR[month - 1]} ${year} هـ` : `${ARABIC_MONTHS[month - 1]} ${year}`;
    return `لا يوجد يوم ${day} في ${name}: عدد أيام الشهر ${daysInMonth}.`;
  }
  const name =
    calendar === 'hijri' ? `${HIJRI_MONTHS_EN[month - 1]} ${year} AH` : `${ENGLISH_MONTHS[month - 1]} ${year}`;
  return `${name} has ${daysInMonth} days, so day ${day} does not exist.`;
}

function inconsistentMessage(language: Language, subject: string, value: number, earlier: number): string {
  if (language === 'ar') {
    return `ورد «${subject}» بالرقم ${value} هنا وبالرقم ${earlier} في موضع سابق من النص.`;
  }
  return `“${subject}” is given as ${value} here but as ${earlier} earlier in the draft.`;
}

export function weekdayMismatches(
  claims: readonly ExtractedClaim[],
  actualWeekdays: readonly (Weekday | null)[],
  language: Language,
): ClaimFinding[] {
  const findings: ClaimFinding[] = [];
  claims.forEach((claim, claimIndex) => {
    const actual = actualWeekdays[claimIndex];
    if (claim.kind !== 'date' || actual === null || actual === undefined) return;
    const named = claim.value.weekday;
    if (named === undefined || named === actual) return;
    findings.push({
      kind: 'weekday_mismatch',
      text: claim.text,
      start: claim.start,
      end: claim.end,
      message: weekdayMessage(language, claim.value.date, actual, named),
      claimIndex,
    });
  });
  return findings;
}

export function invalidDateFindings(
  source: string,
  invalidDates: readonly (InvalidDate & { sourceStart: number; sourceEnd: number })[],
  language: Language,
): ClaimFinding[] {
  return invalidDates.map((invalid) => ({
    kind: 'invalid_date',
    text: source.slice(invalid.sourceStart, invalid.sourceEnd),
    start: invalid.sourceStart,
    end: invalid.sourceEnd,
    message: invalidDateMessage(language, invalid),
  }));
}

/**
 * Ordinals that rank the same subject (compared without diacritics or the article) with a
 * different figure than an earlier one; the finding sits on the later claim.
 */
export function inconsistentFigures(
  claims: readonly ExtractedClaim[],
  subjectKeys: readonly (string | null)[],
  language: Language,
): ClaimFinding[] {
  const findings: ClaimFinding[] = [];
  /** Every figure each subject had so far. */
  const figures = new Map<string, number[]>();
  claims.forEach((claim, claimIndex) => {
    const key = subjectKeys[claimIndex];
    if (claim.kind !== 'ordinal' || key === null || key === undefined) return;
    const earlier = figures.get(key);
    if (earlier === undefined) {
      figures.set(key, [claim.value]);
      return;
    }
    const different = earlier.find((value) => value !== claim.value);
    if (different !== undefined) {
      findings.push({
        kind: 'inconsistent_figure',
        text: claim.text,
        start: claim.start,
        end: claim.end,
        message: inconsistentMessage(language, claim.subject ?? key, claim.value, different),
        claimIndex,
      });
    }
    if (!earlier.includes(claim.value)) earlier.push(claim.value);
  });
  return findings;
}
