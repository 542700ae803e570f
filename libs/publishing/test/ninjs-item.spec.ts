import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { NewsItemInput, NinjsItem } from '#publishing';
import { buildNinjsItem, NINJS_SCHEMA_URI } from '#publishing';
import { expectValidNinjs, ninjsErrors } from './ninjs-schema.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_413;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 200;

/** Every item a spec builds goes through here: built, then checked against IPTC's schema. */
function build(input: NewsItemInput): NinjsItem {
  const item = buildNinjsItem(input);
  expectValidNinjs(item);
  // what a consumer receives is the JSON, which must say the same
  expectValidNinjs(JSON.parse(JSON.stringify(item)));
  return item;
}

const ARABIC_BODY = [
  'طرابلس – أعلنت بلدية طرابلس، مساء الثلاثاء، تمديد ساعات التغذية بالتيار الكهربائي في عدد من الأحياء الشعبية',
  'إلى عشر ساعات يومياً، بعد وصول شحنة جديدة من الفيول إلى معمل دير عمار.',
  '',
  'وقال رئيس البلدية في مؤتمر صحافي إن «الخطة مؤقتة وتمتد حتى نهاية الشهر»، داعياً أصحاب المولدات الخاصة',
  'إلى الالتزام بالتسعيرة الرسمية.',
  '',
  'ويشكو سكان باب التبانة والقبة من فواتير اشتراكات تجاوزت ٣٠ دولاراً لكل خمسة أمبيرات.',
].join('\n');

const arabic: NewsItemInput = {
  uri: 'urn:copydesk:story:5b0e6c0a-2f1e-4c55-9d3a-7d1f0f6a1b42',
  version: 1,
  language: 'ar',
  headline: 'بلدية طرابلس تمدّد ساعات التغذية الكهربائية في الأحياء الشعبية',
  body: ARABIC_BODY,
  pubStatus: 'usable',
  firstCreated: new Date('2026-04-14T06:12:00+03:00'),
  versionCreated: new Date('2026-04-14T07:40:30.250+03:00'),
  authors: [{ name: 'ريم الحاج', role: 'reporter' }, { name: 'سامر خوري' }],
  section: 'محليات',
};

const english: NewsItemInput = {
  uri: 'https://copydesk.example/stories/port-reopens',
  version: 2,
  language: 'en',
  headline: 'Port of Beirut reopens its grain terminal',
  body: 'BEIRUT — The grain terminal reopened on Monday.\n\nOfficials said silos would follow "within weeks".',
  pubStatus: 'usable',
  firstCreated: new Date('2026-04-13T08:00:00Z'),
  versionCreated: new Date('2026-04-13T09:15:00Z'),
  authors: [{ name: 'Lena Haddad' }, { name: "Omar O'Neill", role: 'photographer' }, { name: 'Dana Aziz' }],
};

describe('IPTC ninjs 3.1 schema, as vendored', () => {
  it('is the file IPTC published, byte for byte (iptc/newsinjson 3ace397, specification/ninjs-schema_3.1.json)', () => {
    const file = readFileSync(new URL('../schema/ninjs-schema_3.1.json', import.meta.url));
    expect(createHash('sha256').update(file).digest('hex')).toBe(
      '404f578a299bf34e76e98f2de26ad9989882ebd7abf3a4d3cf3aa689b70a8744',
    );
    expect((JSON.parse(file.toString('utf8')) as { $id: string }).$id).toBe(NINJS_SCHEMA_URI);
  });

  it('the validator can fail: it refuses what ninjs 3.1 refuses', () => {
    const good = buildNinjsItem(english);
    expect(ninjsErrors(good)).toEqual([]);
    const bad: Record<string, unknown>[] = [
      { ...good, uri: undefined },
      { ...good, uri: 'not a uri' },
      { ...good, version: 2 },
      { ...good, versionCreated: '13/04/2026 09:15' },
      { ...good, embargoedUntil: '2026-04-13' },
      { ...good, pubStatus: 'withdrawn' },
      { ...good, type: 'article' },
      { ...good, $schema: NINJS_SCHEMA_URI },
      { ...good, contributors: [{ name: 'x' }] },
      { ...good, headlines: [{ role: 'main', text: 'x' }] },
      { ...good, people: [{ name: 'x', role: 'author' }] },
    ];
    for (const item of bad) {
      if (item.uri === undefined) delete item.uri;
      expect(ninjsErrors(item)).not.toEqual([]);
    }
  });
});

describe('buildNinjsItem', () => {
  it('builds an Arabic article: the HTML body right to left, dates in UTC, authors as by-line and people', () => {
    const item = build(arabic);
    expect(item).toEqual({
      standard: { name: 'ninjs', version: '3.1', schema: 'http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#' },
      uri: 'urn:copydesk:story:5b0e6c0a-2f1e-4c55-9d3a-7d1f0f6a1b42',
      type: 'text',
      version: '1',
      language: 'ar',
      firstCreated: '2026-04-14T03:12:00.000Z',
      versionCreated: '2026-04-14T04:40:30.250Z',
      pubStatus: 'usable',
      headlines: [
        {
          role: 'main',
          contentType: 'text/plain',
          value: 'بلدية طرابلس تمدّد ساعات التغذية الكهربائية في الأحياء الشعبية',
        },
      ],
      bodies: [{ role: 'main', contentType: 'text/html', value: expect.any(String) }],
      by: 'ريم الحاج وسامر خوري',
      people: [
        { name: 'ريم الحاج', rel: 'reporter' },
        { name: 'سامر خوري', rel: 'author' },
      ],
      subjects: [{ name: 'محليات', rel: 'section' }],
    });
    const html = item.bodies[0].value;
    expect(html.startsWith('<div dir="rtl" lang="ar"><p>طرابلس – أعلنت')).toBe(true);
    expect(html.match(/<p>/g)).toHaveLength(3);
    expect(html).toContain('الشعبية<br>إلى عشر ساعات');
    expect(html).toContain('«الخطة مؤقتة وتمتد حتى نهاية الشهر»');
    expect(html.endsWith('لكل خمسة أمبيرات.</p></div>')).toBe(true);
    expect(item).not.toHaveProperty('embargoedUntil');
  });

  it('builds an English item, left to right, with the English list as by-line', () => {
    const item = build(english);
    expect(item.language).toBe('en');
    expect(item.version).toBe('2');
    expect(item.by).toBe("Lena Haddad, Omar O'Neill, and Dana Aziz");
    expect(item.people).toEqual([
      { name: 'Lena Haddad', rel: 'author' },
      { name: "Omar O'Neill", rel: 'photographer' },
      { name: 'Dana Aziz', rel: 'author' },
    ]);
    expect(item.bodies[0].value).toBe(
      '<div dir="ltr" lang="en"><p>BEIRUT — The grain terminal reopened on Monday.</p>' +
        '<p>Officials said silos would follow &quot;within weeks&quot;.</p></div>',
    );
    expect(item).not.toHaveProperty('subjects');
  });

  it('builds a withdrawn version: canceled, a later version of the same uri, first creation unchanged', () => {
    const item = build({
      ...arabic,
      version: 3,
      pubStatus: 'canceled',
      body: 'سُحب هذا الخبر. يرجى عدم استخدامه.',
      versionCreated: new Date('2026-04-14T12:00:00Z'),
    });
    expect(item).toMatchObject({
      uri: arabic.uri,
      version: '3',
      pubStatus: 'canceled',
      firstCreated: '2026-04-14T03:12:00.000Z',
      versionCreated: '2026-04-14T12:00:00.000Z',
    });
    expect(item.bodies[0].value).toBe('<div dir="rtl" lang="ar"><p>سُحب هذا الخبر. يرجى عدم استخدامه.</p></div>');
  });

  it("carries an editor's note as edNote, on one line, and no blank note", () => {
    const corrected = build({ ...arabic, version: 2, note: 'تصحيح:\nعدد الساعات عشر لا ثماني' });
    expect(corrected.edNote).toBe('تصحيح: عدد الساعات عشر لا ثماني');
    expect(build({ ...arabic, note: ' \n ' })).not.toHaveProperty('edNote');
  });

  it('builds an embargoed item and a withheld one', () => {
    const embargoed = build({ ...english, embargoedUntil: new Date('2026-04-15T00:00:00+03:00') });
    expect(embargoed.embargoedUntil).toBe('2026-04-14T21:00:00.000Z');
    const withheld = build({ ...arabic, pubStatus: 'withheld', embargoedUntil: new Date('2026-04-20T09:00:00Z') });
    expect(withheld).toMatchObject({ pubStatus: 'withheld', embargoedUntil: '2026-04-20T09:00:00.000Z' });
  });

  it('keeps a headline with markup as plain text (its HTML is escaped where it is rendered)', () => {
    const item = build({ ...english, headline: 'Budget </title><script>alert(1)</script>\nvote "delayed"' });
    expect(item.headlines).toEqual([
      { role: 'main', contentType: 'text/plain', value: 'Budget </title><script>alert(1)</script> vote "delayed"' },
    ]);
  });

  it('carries an empty body as the empty container, and no authors as no by-line', () => {
    const item = build({ ...arabic, body: ' \n\n ', authors: [{ name: '  ' }], section: ' ' });
    expect(item.bodies[0].value).toBe('<div dir="rtl" lang="ar"></div>');
    expect(item).not.toHaveProperty('by');
    expect(item).not.toHaveProperty('people');
    expect(item).not.toHaveProperty('subjects');
  });

  it('refuses input no version can carry', () => {
    const refused: Partial<NewsItemInput>[] = [
      { uri: 'story-12' },
      { uri: 'https://copydesk.example/a story' },
      { version: 0 },
      { version: 1.5 },
      { firstCreated: new Date('nope') },
      { embargoedUntil: new Date(Number.NaN) },
      { versionCreated: new Date('2026-04-14T03:11:59Z') },
      { headline: ' \n ' },
      { pubStatus: 'killed' as NewsItemInput['pubStatus'] },
    ];
    for (const change of refused) expect(() => buildNinjsItem({ ...arabic, ...change })).toThrow(RangeError);
  });

  it('builds a valid item from whatever a reporter types', () => {
    const text = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
    fc.assert(
      fc.property(
        text.filter((headline) => /\S/.test(headline)),
        text,
        fc.array(fc.record({ name: text, role: fc.option(text, { nil: undefined }) }), { maxLength: 3 }),
        fc.option(text, { nil: undefined }),
        fc.constantFrom('ar' as const, 'en' as const),
        (headline, body, authors, section, language) => {
          // a headline of control characters alone is still one (U+FFFD each); nothing here may throw
          const item = buildNinjsItem({ ...arabic, language, headline, body, authors, section });
          expect(ninjsErrors(item)).toEqual([]);
          expect(ninjsErrors(JSON.parse(JSON.stringify(item)))).toEqual([]);
        },
      ),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
