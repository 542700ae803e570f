/**
 * Speech verbs that govern a quote or a reported clause, in their tenses and feminine/plural
 * forms (normalised), the participles that report speech of an earlier subject, and the
 * complementisers that open a reported clause.
 */

import { wordList } from './word-list.js';

/** Arabic finite forms: past and present, masculine and feminine, dual and plural. */
const ARABIC_FINITE: readonly string[] = wordList(`
  قال قالت قالوا قالا قلن يقول تقول يقولون تقولان يقولان اكد اكدت اكدوا اكدا يؤكد تؤكد يؤكدون يؤكدان
  اوضح اوضحت اوضحوا اوضحا يوضح توضح يوضحون اشار اشارت اشاروا اشارا يشير تشير يشيرون اضاف اضافت اضافوا
  اضافا يضيف تضيف يضيفون صرح صرحت صرحوا صرحا يصرح تصرح يصرحون اعلن اعلنت اعلنوا اعلنا يعلن تعلن يعلنون
  شدد شددت شددوا شددا يشدد تشدد يشددون لفت لفتت لفتوا يلفت تلفت ذكر ذكرت ذكروا ذكرا يذكر تذكر يذكرون
  اعتبر اعتبرت اعتبروا اعتبرا يعتبر تعتبر يعتبرون راي رات راوا يري تري يرون نفي نفت نفوا ينفي تنفي
  ينفون افاد افادت افادوا يفيد تفيد يفيدون كشف كشفت كشفوا يكشف تكشف يكشفون حذر حذرت حذروا يحذر تحذر
  يحذرون اقر اقرت اقروا يقر تقر زعم زعمت زعموا يزعم تزعم يزعمون
`);

const ARABIC_PARTICIPLES: readonly string[] = wordList(`
  مؤكدا مؤكدة مؤكدين مؤكدون مؤكدتين مضيفا مضيفة مضيفين مضيفون مشيرا مشيرة مشيرين مشيرون موضحا موضحة
  موضحين موضحون معتبرا معتبرة معتبرين معتبرون لافتا لافتة لافتين لافتون مشددا مشددة مشددين مشددون
  معلنا معلنة معلنين نافيا نافية نافين مصرحا مصرحة كاشفا كاشفة محذرا محذرة محذرين مبينا مبينة
`);

const ENGLISH_FINITE: readonly string[] = wordList(`
  said says say stated states added adds told tells announced announces noted notes stressed stresses
  warned warns explained explains confirmed confirms insisted insists argued argues reported denied
  denies acknowledged admitted
`);

const ENGLISH_PARTICIPLES: readonly string[] = wordList(`
  saying adding noting stressing stating explaining insisting
`);

export const SPEECH_VERBS: readonly (readonly [string, 'finite' | 'participle'])[] = [
  ...ARABIC_FINITE.map((word) => [word, 'finite'] as const),
  ...ARABIC_PARTICIPLES.map((word) => [word, 'participle'] as const),
  ...ENGLISH_FINITE.map((word) => [word, 'finite'] as const),
  ...ENGLISH_PARTICIPLES.map((word) => [word, 'participle'] as const),
];

/** `إن`/`أن` (normalised alike) with the pronoun suffixes news copy attaches to them. */
export const ARABIC_COMPLEMENTISERS: ReadonlySet<string> = new Set(
  wordList('ان انه انها انهم انهما انهن اننا انني اني انك انكم'),
);

/** Words before `أن` that make it a subordinator, not the start of reported speech (`بعد أن`). */
export const ARABIC_NON_REPORTING_BEFORE_AN: ReadonlySet<string> = new Set(
  wordList('بعد قبل دون بدون منذ ضرورة بضرورة يجب ينبغي يمكن بد لابد من حتي الا كما مجرد بمجرد اجل امكانية احتمال'),
);

/** `حذّر من أن`: after these verbs `من أن` still opens the reported clause. */
export const ARABIC_WARNING_VERBS: ReadonlySet<string> = new Set(
  wordList('حذر حذرت حذروا يحذر تحذر يحذرون محذرا محذرة محذرين'),
);
