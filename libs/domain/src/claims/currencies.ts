/**
 * Currency nouns, nationality adjectives, symbols and ISO codes, with the house defaults from
 * the conventions (bare `ليرة` is SYP, bare `دينار` is not money).
 */

import { ISO_4217_CODES } from './iso-4217.js';
import type { CurrencyInfo } from './word-info.js';
import { wordList } from './word-list.js';

type Entry = readonly [word: string, info: CurrencyInfo];

/** Masculine and feminine forms of each nationality adjective, normalised. */
const AR_ADJECTIVES: Readonly<Record<string, readonly string[]>> = {
  american: ['امريكي', 'اميركي', 'امريكية', 'اميركية'],
  canadian: ['كندي', 'كندية'],
  australian: ['استرالي', 'استرالية'],
  syrian: ['سوري', 'سورية', 'سوريه'],
  lebanese: ['لبناني', 'لبنانية'],
  turkish: ['تركي', 'تركية'],
  egyptian: ['مصري', 'مصرية'],
  sterling: ['استرليني', 'استرلينية', 'سترليني'],
  sudanese: ['سوداني', 'سودانية'],
  saudi: ['سعودي', 'سعودية'],
  qatari: ['قطري', 'قطرية'],
  omani: ['عماني', 'عمانية'],
  yemeni: ['يمني', 'يمنية'],
  iranian: ['ايراني', 'ايرانية'],
  iraqi: ['عراقي', 'عراقية'],
  jordanian: ['اردني', 'اردنية'],
  kuwaiti: ['كويتي', 'كويتية'],
  bahraini: ['بحريني', 'بحرينية'],
  libyan: ['ليبي', 'ليبية'],
  tunisian: ['تونسي', 'تونسية'],
  algerian: ['جزائري', 'جزائرية'],
  emirati: ['اماراتي', 'اماراتية'],
  moroccan: ['مغربي', 'مغربية'],
  chinese: ['صيني', 'صينية'],
  japanese: ['ياباني', 'يابانية'],
  russian: ['روسي', 'روسية'],
  swiss: ['سويسري', 'سويسرية'],
  indian: ['هندي', 'هندية'],
  pakistani: ['باكستاني', 'باكستانية'],
  indonesian: ['اندونيسي', 'اندونيسية'],
  malaysian: ['ماليزي', 'ماليزية'],
  ukrainian: ['اوكراني', 'اوكرانية'],
  swedish: ['سويدي', 'سويدية'],
  norwegian: ['نرويجي', 'نرويجية'],
  danish: ['دنماركي', 'دنماركية', 'دانماركي', 'دانماركية'],
  czech: ['تشيكي', 'تشيكية'],
  polish: ['بولندي', 'بولندية'],
  hungarian: ['هنغاري', 'هنغارية', 'مجري', 'مجرية'],
  mexican: ['مكسيكي', 'مكسيكية'],
  argentine: ['ارجنتيني', 'ارجنتينية'],
  philippine: ['فلبيني', 'فلبينية'],
  colombian: ['كولومبي', 'كولومبية'],
  chilean: ['تشيلي', 'تشيلية'],
  brazilian: ['برازيلي', 'برازيلية'],
  korean: ['كوري', 'كورية'],
  kenyan: ['كيني', 'كينية'],
  ugandan: ['اوغندي', 'اوغندية'],
  tanzanian: ['تنزاني', 'تنزانية'],
  somali: ['صومالي', 'صومالية'],
  singaporean: ['سنغافوري', 'سنغافورية'],
  hongkong: [],
  newzealand: [],
  serbian: ['صربي', 'صربية'],
  nigerian: ['نيجيري', 'نيجيرية'],
};

const EN_ADJECTIVES: Readonly<Record<string, readonly string[]>> = {
  american: ['us', 'american'],
  canadian: ['canadian'],
  australian: ['australian'],
  syrian: ['syrian'],
  lebanese: ['lebanese'],
  turkish: ['turkish'],
  egyptian: ['egyptian'],
  sterling: ['british'],
  sudanese: ['sudanese'],
  saudi: ['saudi'],
  qatari: ['qatari'],
  omani: ['omani'],
  yemeni: ['yemeni'],
  iranian: ['iranian'],
  iraqi: ['iraqi'],
  jordanian: ['jordanian'],
  kuwaiti: ['kuwaiti'],
  bahraini: ['bahraini'],
  libyan: ['libyan'],
  tunisian: ['tunisian'],
  algerian: ['algerian'],
  emirati: ['emirati', 'uae'],
  moroccan: ['moroccan'],
  chinese: ['chinese'],
  japanese: ['japanese'],
  russian: ['russian'],
  swiss: ['swiss'],
  indian: ['indian'],
  pakistani: ['pakistani'],
  indonesian: ['indonesian'],
  malaysian: ['malaysian'],
  ukrainian: ['ukrainian'],
  swedish: ['swedish'],
  norwegian: ['norwegian'],
  danish: ['danish'],
  czech: ['czech'],
  polish: ['polish'],
  hungarian: ['hungarian'],
  mexican: ['mexican'],
  argentine: ['argentine', 'argentinian'],
  philippine: ['philippine'],
  colombian: ['colombian'],
  chilean: ['chilean'],
  brazilian: ['brazilian'],
  korean: ['korean'],
  kenyan: ['kenyan'],
  ugandan: ['ugandan'],
  tanzanian: ['tanzanian'],
  somali: ['somali'],
  singaporean: ['singapore'],
  hongkong: ['hk'],
  newzealand: ['nz'],
  serbian: ['serbian'],
  nigerian: ['nigerian'],
};

interface CurrencyNoun {
  arabic: readonly string[];
  english: readonly string[];
  code: string | null;
  /** English bare default, when it differs from the Arabic one. */
  englishCode?: string | null;
  byNationality: Readonly<Record<string, string>>;
}

const NOUNS: readonly CurrencyNoun[] = [
  {
    arabic: ['دولار', 'دولارا', 'دولارات'],
    english: ['dollar', 'dollars'],
    code: 'USD',
    byNationality: {
      american: 'USD',
      canadian: 'CAD',
      australian: 'AUD',
      singaporean: 'SGD',
      hongkong: 'HKD',
      newzealand: 'NZD',
    },
  },
  // `أورو` is the Maghrebi spelling
  { arabic: ['يورو', 'اورو'], english: ['euro', 'euros'], code: 'EUR', byNationality: {} },
  {
    arabic: ['ليرة', 'ليرات', 'ليره'],
    english: ['lira', 'liras', 'lire'],
    code: 'SYP',
    englishCode: 'TRY',
    byNationality: { syrian: 'SYP', lebanese: 'LBP', turkish: 'TRY' },
  },
  {
    arabic: ['جنيه', 'جنيها', 'جنيهات'],
    english: ['pound', 'pounds'],
    code: 'EGP',
    englishCode: 'GBP',
    byNationality: { egyptian: 'EGP', sterling: 'GBP', sudanese: 'SDG', syrian: 'SYP', lebanese: 'LBP' },
  },
  { arabic: [], english: ['sterling'], code: 'GBP', byNationality: {} },
  {
    arabic: ['ريال', 'ريالا', 'ريالات'],
    english: ['riyal', 'riyals', 'rial', 'rials'],
    code: 'SAR',
    byNationality: {
      saudi: 'SAR',
      qatari: 'QAR',
      omani: 'OMR',
      yemeni: 'YER',
      iranian: 'IRR',
      brazilian: 'BRL',
    },
  },
  {
    arabic: ['دينار', 'دينارا', 'دنانير'],
    english: ['dinar', 'dinars'],
    code: null,
    byNationality: {
      iraqi: 'IQD',
      jordanian: 'JOD',
      kuwaiti: 'KWD',
      bahraini: 'BHD',
      libyan: 'LYD',
      tunisian: 'TND',
      algerian: 'DZD',
      serbian: 'RSD',
    },
  },
  {
    arabic: ['درهم', 'درهما', 'دراهم'],
    english: ['dirham', 'dirhams'],
    code: 'AED',
    byNationality: { emirati: 'AED', moroccan: 'MAD' },
  },
  { arabic: ['يوان'], english: ['yuan', 'renminbi'], code: 'CNY', byNationality: { chinese: 'CNY' } },
  { arabic: ['ين'], english: ['yen'], code: 'JPY', byNationality: { japanese: 'JPY' } },
  {
    arabic: ['روبل', 'روبلا', 'روبلات'],
    english: ['ruble', 'rubles', 'rouble', 'roubles'],
    code: 'RUB',
    byNationality: { russian: 'RUB' },
  },
  {
    arabic: ['شيكل', 'شيقل', 'شيكلا', 'شيقلا', 'شواكل', 'شواقل', 'شيكلات', 'شيقلات'],
    english: ['shekel', 'shekels', 'shekalim'],
    code: 'ILS',
    byNationality: {},
  },
  { arabic: ['فرنك', 'فرنكا', 'فرنكات'], english: ['franc', 'francs'], code: null, byNationality: { swiss: 'CHF' } },
  {
    arabic: ['روبية', 'روبيات'],
    english: ['rupee', 'rupees'],
    code: 'INR',
    byNationality: { indian: 'INR', pakistani: 'PKR', indonesian: 'IDR' },
  },
  {
    arabic: ['رينغيت', 'رنغيت', 'رينجيت'],
    english: ['ringgit', 'ringgits'],
    code: 'MYR',
    byNationality: { malaysian: 'MYR' },
  },
  {
    arabic: ['هريفنيا', 'هريفنا', 'غريفنا', 'غريفنيا'],
    english: ['hryvnia', 'hryvnias', 'hryvnya', 'hryvnyas'],
    code: 'UAH',
    byNationality: { ukrainian: 'UAH' },
  },
  {
    arabic: ['كرونة', 'كرونات'],
    english: ['krona', 'kronor', 'krone', 'kroner', 'koruna', 'korunas'],
    code: null,
    byNationality: { swedish: 'SEK', norwegian: 'NOK', danish: 'DKK', czech: 'CZK' },
  },
  { arabic: ['زلوتي'], english: ['zloty', 'zlotys', 'zlotych'], code: 'PLN', byNationality: { polish: 'PLN' } },
  { arabic: ['فورنت', 'فورينت'], english: ['forint', 'forints'], code: 'HUF', byNationality: { hungarian: 'HUF' } },
  { arabic: ['راند'], english: ['rand'], code: 'ZAR', byNationality: {} },
  { arabic: ['نايرا'], english: ['naira'], code: 'NGN', byNationality: { nigerian: 'NGN' } },
  { arabic: ['تاكا'], english: ['taka'], code: 'BDT', byNationality: {} },
  { arabic: [], english: ['rupiah', 'rupiahs'], code: 'IDR', byNationality: {} },
  {
    arabic: ['بيزو', 'بيسو'],
    english: ['peso', 'pesos'],
    code: null,
    byNationality: {
      mexican: 'MXN',
      argentine: 'ARS',
      philippine: 'PHP',
      colombian: 'COP',
      chilean: 'CLP',
    },
  },
  // Bare `won`, `real` and `shilling` are too common or too shared: only with a nationality.
  { arabic: ['وون'], english: ['won'], code: null, byNationality: { korean: 'KRW' } },
  { arabic: [], english: ['real', 'reais', 'reals'], code: null, byNationality: { brazilian: 'BRL' } },
  {
    arabic: ['شلن', 'شلنات'],
    english: ['shilling', 'shillings'],
    code: null,
    byNationality: { kenyan: 'KES', ugandan: 'UGX', tanzanian: 'TZS', somali: 'SOS' },
  },
];

function byAdjective(
  nationalities: Readonly<Record<string, string>>,
  forms: Readonly<Record<string, readonly string[]>>,
): Map<string, string> {
  const map = new Map<string, string>();
  for (const [nationality, code] of Object.entries(nationalities)) {
    for (const form of forms[nationality] ?? []) map.set(form, code);
  }
  return map;
}

function entries(): Entry[] {
  const list: Entry[] = [];
  for (const noun of NOUNS) {
    const arabic: CurrencyInfo = { code: noun.code, byAdjective: byAdjective(noun.byNationality, AR_ADJECTIVES) };
    const english: CurrencyInfo = {
      code: noun.englishCode === undefined ? noun.code : noun.englishCode,
      byAdjective: byAdjective(noun.byNationality, EN_ADJECTIVES),
    };
    for (const word of noun.arabic) list.push([word, arabic]);
    for (const word of noun.english) list.push([word, english]);
  }
  return list;
}

export const CURRENCY_WORDS: readonly Entry[] = entries();

export const CURRENCY_ADJECTIVES: readonly string[] = [
  ...Object.values(AR_ADJECTIVES).flat(),
  ...Object.values(EN_ADJECTIVES).flat(),
];

/** Symbols written before (or, in Arabic copy, after) the amount. */
export const CURRENCY_SYMBOLS: ReadonlyMap<string, string> = new Map([
  ['$', 'USD'],
  ['€', 'EUR'],
  ['£', 'GBP'],
  ['¥', 'JPY'],
  ['₺', 'TRY'],
  ['₹', 'INR'],
  ['₽', 'RUB'],
  ['₪', 'ILS'],
  ['₩', 'KRW'],
  ['₦', 'NGN'],
  ['₱', 'PHP'],
  ['₴', 'UAH'],
  ['₫', 'VND'],
  ['₸', 'KZT'],
  ['฿', 'THB'],
  ['₭', 'LAK'],
  ['₮', 'MNT'],
  ['₲', 'PYG'],
  ['₵', 'GHS'],
  ['₡', 'CRC'],
  ['₼', 'AZN'],
  ['₾', 'GEL'],
  ['৳', 'BDT'],
]);

/**
 * Latin abbreviations written before (or after) the amount, as newsrooms of the region write them:
 * `Rs 200`, `Rs. 5,000`, `LE 50`, `Dhs 500`, `QR 100`, `KD 250`. `Rs`, `Dh` and `Dhs` count
 * capitalised; the others, which are also words or names (`Le Monde`), only in capitals.
 */
export const LATIN_CURRENCY_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['rs', 'INR'],
  ['le', 'EGP'],
  ['dh', 'AED'],
  ['dhs', 'AED'],
  ['qr', 'QAR'],
  ['kd', 'KWD'],
]);
export const ABBREVIATIONS_CAPITALISED: ReadonlySet<string> = new Set(['rs', 'dh', 'dhs']);

/**
 * Arabic abbreviations of two letters joined by a dot, written after the amount: `150 ج.م`,
 * `4000 ل.س`. Keyed by the normalised letters. (`د.إ` and `د.أ` are left out: both normalise to
 * `د.ا`, and one is the dirham, the other the Jordanian dinar.)
 */
export const ARABIC_CURRENCY_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['ج.م', 'EGP'],
  ['ج.س', 'SDG'],
  ['ل.س', 'SYP'],
  ['ل.ل', 'LBP'],
  ['ل.ت', 'TRY'],
  ['د.ك', 'KWD'],
  ['د.ع', 'IQD'],
  ['د.ب', 'BHD'],
  ['د.ل', 'LYD'],
  ['د.ت', 'TND'],
  ['د.ج', 'DZD'],
  ['د.م', 'MAD'],
  ['ر.س', 'SAR'],
  ['ر.ق', 'QAR'],
  ['ر.ع', 'OMR'],
  ['ر.ي', 'YER'],
]);

/** Letters written against `$`: `US$5`, `C$5`, `A$5`. */
export const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['us', 'USD'],
  ['c', 'CAD'],
  ['a', 'AUD'],
  ['hk', 'HKD'],
  ['nz', 'NZD'],
  ['s', 'SGD'],
]);

/**
 * ISO 4217 codes that are also English words or common acronyms (`ALL 5`, `TOP 10`, `PHP 8`,
 * `CVE 2024`), and the codes of funds, metals and tests, which no news amount is written in.
 */
const CODES_NOT_READ: ReadonlySet<string> = new Set(
  wordList(`
    ALL TOP CUP PEN GEL BAM BOB SOS AMD ANG ERN DOP LAK MOP CVE NPR PHP PAB
    BOV CHE CHW CLF COU MXV USN UYI UYW XAG XAU XBA XBB XBC XBD XPD XPT XSU XTS XUA XXX
  `),
);

/** Codes read when written in capitals next to an amount (`CHF 15`, `450 million CAD`). */
export const CURRENCY_CODES: readonly string[] = ISO_4217_CODES.filter((code) => !CODES_NOT_READ.has(code));
