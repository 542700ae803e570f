/**
 * Currency nouns, nationality adjectives, symbols and ISO codes, with the house defaults from
 * the conventions (bare `ليرة` is SYP, bare `دينار` is not money).
 */

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
    byNationality: { american: 'USD', canadian: 'CAD', australian: 'AUD' },
  },
  { arabic: ['يورو'], english: ['euro', 'euros'], code: 'EUR', byNationality: {} },
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
    byNationality: { saudi: 'SAR', qatari: 'QAR', omani: 'OMR', yemeni: 'YER', iranian: 'IRR' },
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
  { arabic: ['شيكل', 'شيقل', 'شيكلا', 'شواكل'], english: ['shekel', 'shekels'], code: 'ILS', byNationality: {} },
  { arabic: ['فرنك', 'فرنكا', 'فرنكات'], english: ['franc', 'francs'], code: null, byNationality: { swiss: 'CHF' } },
  { arabic: ['روبية', 'روبيات'], english: ['rupee', 'rupees'], code: 'INR', byNationality: { indian: 'INR' } },
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
]);

/** Letters written against `$`: `US$5`, `C$5`, `A$5`. */
export const DOLLAR_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['us', 'USD'],
  ['c', 'CAD'],
  ['a', 'AUD'],
]);

export const CURRENCY_CODES: readonly string[] = wordList(`
  USD EUR GBP JPY CNY RUB TRY SYP LBP EGP SAR QAR OMR YER IQD JOD KWD BHD LYD TND DZD AED MAD CHF CAD AUD
  INR ILS IRR SDG
`);
