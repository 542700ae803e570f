import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { DiffPart, Language } from '#contracts';
import { diffRevisionTexts, diffWordsOf, wordTokens } from '#reviews';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_412;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

/** Harakat (fathatan … sukun, and the rarer marks up to U+065F) and the superscript alef. */
const COMBINING = /^[\u064B-\u065F\u0670]/;
const TATWEEL = '\u0640';

type Part = [DiffPart['op'], string];
const shape = (parts: DiffPart[]): Part[] => parts.map((part) => [part.op, part.text]);

/** The two texts the parts describe: equal + delete is the older one, equal + insert the newer. */
function sides(parts: DiffPart[]) {
  return {
    from: parts
      .filter((part) => part.op !== 'insert')
      .map((part) => part.text)
      .join(''),
    to: parts
      .filter((part) => part.op !== 'delete')
      .map((part) => part.text)
      .join(''),
  };
}

/** Offsets where one side's parts start: each must be a word-break boundary of that side. */
function partStarts(parts: DiffPart[], side: 'from' | 'to'): number[] {
  const skip = side === 'from' ? 'insert' : 'delete';
  const starts: number[] = [];
  let at = 0;
  for (const part of parts) {
    if (part.op === skip) continue;
    starts.push(at);
    at += part.text.length;
  }
  return starts;
}

function boundaries(text: string, language: Language): Set<number> {
  const set = new Set([0, text.length]);
  let at = 0;
  for (const token of wordTokens(text, language)) set.add((at += token.length));
  return set;
}

/** What every diff must satisfy, whatever the texts. */
function expectWellFormed(from: string, to: string, parts: DiffPart[], language: Language = 'ar') {
  expect(sides(parts)).toEqual({ from, to });
  for (const part of parts) expect(part.text).not.toBe('');
  // Merged: no two parts of one op in a row, and a change is at most one delete then one insert.
  for (let i = 1; i < parts.length; i++) {
    expect(parts[i].op).not.toBe(parts[i - 1].op);
    if (parts[i].op === 'delete') expect(parts[i - 1].op).not.toBe('insert');
  }
  // Never inside a word: every part starts on a word boundary of its side.
  const fromBounds = boundaries(from, language);
  const toBounds = boundaries(to, language);
  for (const start of partStarts(parts, 'from')) expect(fromBounds.has(start)).toBe(true);
  for (const start of partStarts(parts, 'to')) expect(toBounds.has(start)).toBe(true);
}

describe('diffWordsOf', () => {
  it.each<[string, string, string, Part[]]>([
    [
      'a changed number shows only that word',
      'انضمت سوريا بصفتها العضو رقم 90 في التحالف.',
      'انضمت سوريا بصفتها العضو رقم 91 في التحالف.',
      [
        ['equal', 'انضمت سوريا بصفتها العضو رقم '],
        ['delete', '90'],
        ['insert', '91'],
        ['equal', ' في التحالف.'],
      ],
    ],
    [
      'a word gaining harakat is a whole-word change',
      'كتب الصحفي تقريره',
      'كَتَبَ الصحفي تقريره',
      [
        ['delete', 'كتب'],
        ['insert', 'كَتَبَ'],
        ['equal', ' الصحفي تقريره'],
      ],
    ],
    [
      'a word gaining a shadda is a whole-word change',
      'بعد مدة قصيرة',
      'بعد مدّة قصيرة',
      [
        ['equal', 'بعد '],
        ['delete', 'مدة'],
        ['insert', 'مدّة'],
        ['equal', ' قصيرة'],
      ],
    ],
    [
      'a shadda with a fatha, and a superscript alef',
      'إن هذا الرحمن',
      'إنَّ هذا الرحمٰن',
      [
        ['delete', 'إن'],
        ['insert', 'إنَّ'],
        ['equal', ' هذا '],
        ['delete', 'الرحمن'],
        ['insert', 'الرحمٰن'],
      ],
    ],
    [
      'a lost haraka is a whole-word change too',
      'قال المُراسِل',
      'قال المراسل',
      [
        ['equal', 'قال '],
        ['delete', 'المُراسِل'],
        ['insert', 'المراسل'],
      ],
    ],
    [
      'a tatweel stretching a word keeps it whole',
      'قال الرئيس اليوم',
      `قال الر${TATWEEL}${TATWEEL}ئيس اليوم`,
      [
        ['equal', 'قال '],
        ['delete', 'الرئيس'],
        ['insert', `الر${TATWEEL}${TATWEEL}ئيس`],
        ['equal', ' اليوم'],
      ],
    ],
    [
      '«الـ90» is one word, tatweel and digits included',
      `في المرتبة الـ90 عالميا`,
      `في المرتبة الـ91 عالميا`,
      [
        ['equal', 'في المرتبة '],
        ['delete', 'الـ90'],
        ['insert', 'الـ91'],
        ['equal', ' عالميا'],
      ],
    ],
    [
      'an attached و stays in its word',
      'قال الوزير إن الحكومة',
      'وقال الوزير إن الحكومة',
      [
        ['delete', 'قال'],
        ['insert', 'وقال'],
        ['equal', ' الوزير إن الحكومة'],
      ],
    ],
    [
      'an attached وال… stays in its word',
      'الرئيس الحكومة',
      'الرئيس والحكومة',
      [
        ['equal', 'الرئيس '],
        ['delete', 'الحكومة'],
        ['insert', 'والحكومة'],
      ],
    ],
    [
      'attached ب and ل stay in their words',
      'مر بالمدينة للمرة الأولى',
      'مر بمدينة لمرة الأولى',
      [
        ['equal', 'مر '],
        ['delete', 'بالمدينة للمرة'],
        ['insert', 'بمدينة لمرة'],
        ['equal', ' الأولى'],
      ],
    ],
    [
      'Arabic-Indic digits are one word',
      'بلغ العدد ٩٠ شخصا',
      'بلغ العدد ٩١ شخصا',
      [
        ['equal', 'بلغ العدد '],
        ['delete', '٩٠'],
        ['insert', '٩١'],
        ['equal', ' شخصا'],
      ],
    ],
    [
      'a number with the Arabic decimal and thousands separators is one word',
      'النمو ٣٫٥ بالمئة من ١٬٢٠٠',
      'النمو ٣٫٧ بالمئة من ١٬٢٥٠',
      [
        ['equal', 'النمو '],
        ['delete', '٣٫٥'],
        ['insert', '٣٫٧'],
        ['equal', ' بالمئة من '],
        ['delete', '١٬٢٠٠'],
        ['insert', '١٬٢٥٠'],
      ],
    ],
    [
      'switching digit script is a change',
      'رقم 90',
      'رقم ٩٠',
      [
        ['equal', 'رقم '],
        ['delete', '90'],
        ['insert', '٩٠'],
      ],
    ],
    [
      'a prefix on a number stays with it (و٣٬٠٠٠)',
      'نحو ٢٬٠٠٠ و٣٬٠٠٠ جندي',
      'نحو ٢٬٠٠٠ و٤٬٠٠٠ جندي',
      [
        ['equal', 'نحو ٢٬٠٠٠ '],
        ['delete', 'و٣٬٠٠٠'],
        ['insert', 'و٤٬٠٠٠'],
        ['equal', ' جندي'],
      ],
    ],
    [
      'a sentence added at the end',
      'أعلنت الوزارة النتائج.',
      'أعلنت الوزارة النتائج. وأضافت أن النسبة بلغت ٩٠٪.',
      [
        ['equal', 'أعلنت الوزارة النتائج.'],
        ['insert', ' وأضافت أن النسبة بلغت ٩٠٪.'],
      ],
    ],
    [
      'a sentence removed from the middle',
      'أعلنت الوزارة النتائج. وقال المتحدث إنها نهائية. وتبدأ المرحلة الثانية غدا.',
      'أعلنت الوزارة النتائج. وتبدأ المرحلة الثانية غدا.',
      [
        ['equal', 'أعلنت الوزارة النتائج. '],
        ['delete', 'وقال المتحدث إنها نهائية. '],
        ['equal', 'وتبدأ المرحلة الثانية غدا.'],
      ],
    ],
    [
      'punctuation is its own token',
      'سوريا، والعراق',
      'سوريا والعراق.',
      [
        ['equal', 'سوريا'],
        ['delete', '،'],
        ['equal', ' والعراق'],
        ['insert', '.'],
      ],
    ],
    [
      'a doubled space is kept on its side',
      'قال  الرئيس',
      'قال الرئيس',
      [
        ['equal', 'قال'],
        ['delete', '  '],
        ['insert', ' '],
        ['equal', 'الرئيس'],
      ],
    ],
    [
      'English',
      'The minister said 90 people were hurt.',
      "The minister said 91 people weren't hurt.",
      [
        ['equal', 'The minister said '],
        ['delete', '90'],
        ['insert', '91'],
        ['equal', ' people '],
        ['delete', 'were'],
        ['insert', "weren't"],
        ['equal', ' hurt.'],
      ],
    ],
    [
      'mixed Arabic and English',
      'أطلقت Apple هاتف iPhone 15 الجديد',
      'أطلقت Apple هاتف iPhone 16 Pro الجديد',
      [
        ['equal', 'أطلقت Apple هاتف iPhone '],
        ['delete', '15'],
        ['insert', '16 Pro'],
        ['equal', ' الجديد'],
      ],
    ],
    [
      'several changed words in a row are one delete and one insert',
      'زار الوفد دمشق أمس',
      'استقبل الرئيس الوفد اليوم',
      [
        ['delete', 'زار '],
        ['insert', 'استقبل الرئيس '],
        ['equal', 'الوفد '],
        ['delete', 'دمشق أمس'],
        ['insert', 'اليوم'],
      ],
    ],
    [
      'a line break between two changes stays equal',
      'نهاية الفقرة\nبداية التالية',
      'آخر الفقرة\nمطلع التالية',
      [
        ['delete', 'نهاية'],
        ['insert', 'آخر'],
        ['equal', ' الفقرة\n'],
        ['delete', 'بداية'],
        ['insert', 'مطلع'],
        ['equal', ' التالية'],
      ],
    ],
    [
      'changed words on both sides of a paragraph break stay two changes',
      'قال الوزير\n\nوأضاف المتحدث',
      'قال الرئيس\n\nوأوضح المتحدث',
      [
        ['equal', 'قال '],
        ['delete', 'الوزير'],
        ['insert', 'الرئيس'],
        ['equal', '\n\n'],
        ['delete', 'وأضاف'],
        ['insert', 'وأوضح'],
        ['equal', ' المتحدث'],
      ],
    ],
    ['identical texts give one equal part', 'نص لم يتغير.', 'نص لم يتغير.', [['equal', 'نص لم يتغير.']]],
    ['two empty texts give no part', '', '', []],
    ['from empty', '', 'نص جديد', [['insert', 'نص جديد']]],
    ['to empty', 'نص قديم', '', [['delete', 'نص قديم']]],
  ])('%s', (_name, from, to, expected) => {
    const parts = diffWordsOf(from, to);
    expect(shape(parts)).toEqual(expected);
    expectWellFormed(from, to, parts);
    for (const part of parts) expect(part.text).not.toMatch(COMBINING);
  });

  it('keeps a stray haraka after a space with the space, not on its own', () => {
    const parts = diffWordsOf('قال الرئيس', 'قال \u064E الرئيس');
    expect(shape(parts)).toEqual([
      ['equal', 'قال'],
      ['insert', ' \u064E'],
      ['equal', ' الرئيس'],
    ]);
    expect(wordTokens(' \u064E ')).toEqual([' \u064E', ' ']);
    for (const part of parts) expect(part.text).not.toMatch(COMBINING);
  });

  it('segments the same with the English locale', () => {
    const from = 'وقال الـ90 ٩٠٫٥ iPhone 15';
    expect(wordTokens(from, 'en')).toEqual(wordTokens(from, 'ar'));
    expect(shape(diffWordsOf(from, 'وقال الـ91 ٩٠٫٥ iPhone 15', { language: 'en' }))).toEqual([
      ['equal', 'وقال '],
      ['delete', 'الـ90'],
      ['insert', 'الـ91'],
      ['equal', ' ٩٠٫٥ iPhone 15'],
    ]);
  });

  it('falls back to one delete and one insert between the common ends when the change is too large', () => {
    const from = 'بداية ثابتة. أ ب وسط ج ح. نهاية ثابتة.';
    const to = 'بداية ثابتة. خ د وسط ذ ر. نهاية ثابتة.';
    const parts = diffWordsOf(from, to, { maxEditLength: 3 });
    expect(shape(parts)).toEqual([
      ['equal', 'بداية ثابتة. '],
      ['delete', 'أ ب وسط ج ح'],
      ['insert', 'خ د وسط ذ ر'],
      ['equal', '. نهاية ثابتة.'],
    ]);
    expectWellFormed(from, to, parts);
    // With room for the edit (8 tokens), the word in the middle is equal again.
    expect(shape(diffWordsOf(from, to, { maxEditLength: 8 }))).toEqual([
      ['equal', 'بداية ثابتة. '],
      ['delete', 'أ ب'],
      ['insert', 'خ د'],
      ['equal', ' وسط '],
      ['delete', 'ج ح'],
      ['insert', 'ذ ر'],
      ['equal', '. نهاية ثابتة.'],
    ]);
  });
});

describe('diffRevisionTexts', () => {
  it('diffs the headline and the body separately', () => {
    const diff = diffRevisionTexts(
      { headline: 'سوريا العضو 90', body: 'نص المقال.' },
      { headline: 'سوريا العضو 91', body: 'نص المقال.' },
      { language: 'ar' },
    );
    expect(diff).toEqual({
      headline: [
        { op: 'equal', text: 'سوريا العضو ' },
        { op: 'delete', text: '90' },
        { op: 'insert', text: '91' },
      ],
      body: [{ op: 'equal', text: 'نص المقال.' }],
    });
  });
});

/** An Arabic article to edit at random. */
const ARTICLE = [
  'دمشق (وكالات) – انضمت سوريا رسميًّا إلى التحالف الدولي بصفتها العضو رقم 90، وقال وزير الخارجية إن الخطوة «تاريخية».',
  'وأضاف أن الحكومة ستخصص نحو ٣٬٥٠٠ مليون ليرة للمرحلة الأولى، أي ما يعادل ٢٫٧ بالمئة من الموازنة.',
  'وشارك في الاجتماع ممثلون عن الأمم المتحدة (UN) والبنك الدولي، واستمر حتى الساعة ١٠:٣٠ مساءً.',
  'وتُعَدُّ هذه المرة الأولى منذ عام 2011 التي تنضم فيها دمشق إلى تحالف من هذا النوع، بحسب المراقبين.',
].join('\n\n');

/** What an editor types: words, prefixes, harakat, shadda, tatweel, digits, punctuation, Latin, spaces. */
const FRAGMENTS = [
  'و',
  'ال',
  'وال',
  'بـ',
  'الـ',
  TATWEEL,
  '\u064E',
  '\u0651',
  '\u064B',
  '\u0670',
  '\u0652',
  '٩١',
  '91',
  '٫',
  '٬',
  '،',
  '.',
  '؛',
  '«',
  '»',
  ' ',
  '  ',
  '\n',
  '\n\n',
  'الرئيس',
  'قال',
  'مُدَّة',
  'iPhone',
  'said',
  '-',
  '(',
  ')',
];

type Edit = { at: number; remove: number; insert: string };

const edit = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 4 }).map((parts) => parts.join('')),
});

function applyEdits(text: string, edits: Edit[]): string {
  return edits.reduce((current, { at, remove, insert }) => {
    const start = at % (current.length + 1);
    return current.slice(0, start) + insert + current.slice(start + remove);
  }, text);
}

describe('the parts rebuild both revisions', () => {
  it('for random edits of an Arabic article', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { maxLength: 8 }),
        fc.array(edit, { maxLength: 8 }),
        fc.constantFrom<Language>('ar', 'en'),
        (fromEdits, toEdits, language) => {
          const from = applyEdits(ARTICLE, fromEdits);
          const to = applyEdits(ARTICLE, toEdits);
          const diff = diffRevisionTexts({ headline: to, body: from }, { headline: from, body: to }, { language });
          expectWellFormed(to, from, diff.headline, language);
          expectWellFormed(from, to, diff.body, language);
          // Reversed, inserts and deletes swap.
          expect(sides(diff.headline)).toEqual({ from: to, to: from });
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });

  it('when the fallback cuts the diff short', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 8 }), fc.nat({ max: 6 }), (edits, maxEditLength) => {
        const to = applyEdits(ARTICLE, edits);
        expectWellFormed(ARTICLE, to, diffWordsOf(ARTICLE, to, { maxEditLength }));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
