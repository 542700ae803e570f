/** Weekday names in Arabic (with and without `ال`) and English. */

import { WEEKDAYS, type Weekday } from '#contracts';
import type { WeekdayInfo } from './word-info.js';

type Entry = readonly [word: string, info: WeekdayInfo];

const ARABIC: readonly (readonly [Weekday, string])[] = [
  ['sunday', 'احد'],
  ['monday', 'اثنين'],
  ['tuesday', 'ثلاثاء'],
  ['wednesday', 'اربعاء'],
  ['thursday', 'خميس'],
  ['friday', 'جمعة'],
  ['saturday', 'سبت'],
];

/** `Mon, Feb 9`: count only capitalised and right before a date. */
const ENGLISH_ABBREVIATIONS: readonly (readonly [string, Weekday])[] = [
  ['mon', 'monday'],
  ['tue', 'tuesday'],
  ['tues', 'tuesday'],
  ['wed', 'wednesday'],
  ['thu', 'thursday'],
  ['thur', 'thursday'],
  ['thurs', 'thursday'],
  ['fri', 'friday'],
  ['sat', 'saturday'],
  ['sun', 'sunday'],
];

export const ARABIC_WEEKDAY_NAMES: Readonly<Record<Weekday, string>> = {
  sunday: 'الأحد',
  monday: 'الاثنين',
  tuesday: 'الثلاثاء',
  wednesday: 'الأربعاء',
  thursday: 'الخميس',
  friday: 'الجمعة',
  saturday: 'السبت',
};

function entries(): Entry[] {
  const list: Entry[] = [];
  for (const [weekday, bare] of ARABIC) {
    list.push([`ال${bare}`, { weekday, definite: true }], [bare, { weekday, definite: false }]);
  }
  for (const weekday of WEEKDAYS) list.push([weekday, { weekday, definite: true }]);
  for (const [abbreviation, weekday] of ENGLISH_ABBREVIATIONS) list.push([abbreviation, { weekday, definite: false }]);
  return list;
}

export const WEEKDAY_WORDS: readonly Entry[] = entries();

/** `يوم` before a weekday is outside the date's span but lets a bare weekday (`يوم خميس`) count. */
export const ARABIC_DAY_WORD = 'يوم';
