import { describe, expect, it } from '@jest/globals';

import { normaliseClaimText, sameClaimText } from './claim-text.js';

describe('normaliseClaimText', () => {
  it.each([
    ['harakat', 'العُضْوُ رَقْمُ ٩٠', 'العضو رقم 90'],
    ['tanween and shadda', 'مئةً وثمانينَ مليونًا', 'مئة وثمانين مليونا'],
    ['superscript alef', 'هٰذا', 'هذا'],
    ['Quranic marks', 'قال\u06DA الوزير\u06D6', 'قال الوزير'],
    ['tatweel', 'شبـــاط', 'شباط'],
    ['Arabic-Indic digits', '٤٥ بالمئة', '45 بالمئة'],
    ['Extended Arabic-Indic digits', '۱۵۰۰ دولار', '1500 دولار'],
    ['the Arabic decimal separator and percent sign', '٤٥٫٥٪', '45.5%'],
    ['bidi isolates around a figure', 'ارتفع بنسبة \u206845%\u2069', 'ارتفع بنسبة 45%'],
    ['embedding marks and the Arabic letter mark', '\u202B9 شباط\u202C\u061C', '9 شباط'],
    ['zero-width joiners and the BOM', '\uFEFFرقم\u200D 90\u200B', 'رقم 90'],
    ['tatweel in the article of a rank', 'الـ90', 'ال90'],
    ['runs of white space, tabs and no-break spaces', '  العضو\t\u00A0رقم\n\n90  ', 'العضو رقم 90'],
    ['decomposed hamza (NFC)', 'ا\u0654علن', 'أعلن'],
    ['decomposed Latin accents (NFC)', 'Beyonce\u0301', 'Beyoncé'],
    ['English as it is', '  the 90th  member ', 'the 90th member'],
  ])('drops or folds %s', (_name, text, expected) => {
    expect(normaliseClaimText(text)).toBe(expected);
  });
});

describe('sameClaimText', () => {
  it.each<[string, string, string, boolean]>([
    ['same: diacritics only', 'العضو رقم 90', 'العُضْوُ رَقْمُ 90', true],
    ['same: digit shapes', 'الـ٩٠', 'الـ90', true],
    ['same: extended digit shapes', 'في ۹ شباط', 'في 9 شباط', true],
    ['same: tatweel and white space', 'الأحد  9 شبــاط', 'الأحد 9 شباط', true],
    ['same: bidi marks', '\u200F45 بالمئة\u200E', '45 بالمئة', true],
    ['same: the same English text', 'the 90th member', 'the 90th member', true],
    ['changed: a changed figure', 'العضو رقم 90', 'العضو رقم 91', false],
    ['changed: a changed English figure', '$1.5 million', '$1.6 million', false],
    ['changed: a changed month', '9 شباط', '9 آذار', false],
    ['changed: alef with hamza written bare', '«أعلن الوزير»', '«اعلن الوزير»', false],
    ['changed: alef with hamza below', 'إعلان', 'اعلان', false],
    ['changed: teh marbuta and heh', 'الدورة', 'الدوره', false],
    ['changed: alef maqsura and yeh', 'مستشفى', 'مستشفي', false],
    ['changed: Latin case', 'Member No. 90', 'member No. 90', false],
    ['changed: a word added inside', '45 بالمئة', '45 بالمئة تقريبا', false],
  ])('%s', (_name, a, b, expected) => {
    expect(sameClaimText(a, b)).toBe(expected);
    expect(sameClaimText(b, a)).toBe(expected);
  });
});
