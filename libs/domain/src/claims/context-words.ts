/**
 * Words that decide what a nearby number is: identifiers (`المادة 5`), names (`رؤية 2030`),
 * times of day, year leads (`عام 2025`), prepositions that end a speaker, determiners.
 * Arabic forms are normalised and without `ال` unless they only occur with it.
 */

import { wordList } from './word-list.js';

/** `X رقم N` and `X N` are identifiers, not quantities or ranks, after these nouns. */
export const IDENTIFIER_NOUNS: readonly string[] = wordList(`
  قرار مادة بند فقرة مرسوم قانون صفحة ص هاتف جوال موبايل فاكس رحلة غرفة لوحة ملف قضية دعوي طريق شارع
  مبني حساب رقم جواز سجل تعميم فصل جدول شكل ملحق مقعد هوية خط حافلة مخرج بوابة كود رمز اصدار نسخة مجلد
  سورة صك تعديل
  resolution resolutions article articles page pages p pp room flight case section chapter paragraph clause
  item line route highway platform gate seat file decree law bill phone tel fax code version volume vol
  issue exit bus channel number no nos ref amendment verse hotline
`);

/** Words that start a name ending in a number. */
export const NAME_HEADS: readonly string[] = wordList(`
  رؤية رؤيه اكسبو كوب مونديال اجندة كاس يورو اولمبياد
  vision expo cop agenda covid windows iphone boeing airbus euro apollo
`);

/** After a number: it is a time of day. */
export const TIME_MARKERS: readonly string[] = wordList(`
  صباحا صباح مساء مساءا ظهرا عصرا فجرا ليلا بتوقيت توقيت
  am pm gmt utc hrs oclock
`);

/** Before a number: it is a time of day. */
export const TIME_LEADS: readonly string[] = wordList('الساعة الساعه');

/** A bare year right after these is a date (the dates module limits the vaguer ones to 1900-2100). */
export const YEAR_LEADS: readonly string[] = wordList(`
  عام العام سنة السنة منذ بحلول حتي في خلال قبل بعد مطلع اوائل اواخر اواسط منتصف نهاية بداية
  in since by until till year during throughout before after early late mid
`);

/** Dual of `عام`: `عامي 2011 و2012` names two years. */
export const ARABIC_YEARS_DUAL = 'عامي';

/** Prepositions, particles and time adverbs that end a speaker's name. */
export const PREPOSITIONS: readonly string[] = wordList(`
  في عبر خلال علي الي من عن مع امام لدي عند حول ضمن اثناء بين منذ الذي التي الذين وفق وفقا بحسب حسب
  تجاه نحو اليوم امس ايضا يوم مساء ليلة صباح غدا الليلة مؤخرا سابقا لاحقا
  لوسائل للصحفيين لقناة لوكالة لصحيفة لموقع لتلفزيون لاذاعة
`);

/** English determiners and possessives that make `first`…`tenth` a rank. */
export const DETERMINERS: readonly string[] = wordList('the its his her their our my your a an this that whose');

/**
 * English words that are capitalised at a sentence start but do not make the number after
 * them part of a name (`About 45 people`).
 */
export const FUNCTION_WORDS: readonly string[] = wordList(`
  the a an and but or nor so yet of to in on at by for with from about some nearly almost around roughly
  approximately over under more less fewer than only just exactly up all these those another each every
  since until after before during between among within above below perhaps maybe when where while if as
  its their his her our there here it we they he she you i also then now last next least most other both
  per across through via including out like many
`);

/** `نسبة`: a bare number after it is a percentage. */
export const PERCENT_LEADS: readonly string[] = wordList('نسبة نسبه');

/** Exact words that must not be split into a prefix and a known word. */
export const BLOCKED_WORDS: readonly string[] = wordList('لست ولست فلست لستم والي كافي بست');
