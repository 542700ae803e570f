import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { escapeHtml, paragraphsOf, renderBodyHtml, renderHeadlineHtml } from '#publishing';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_413;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 300;

const ar = (inner: string) => `<div dir="rtl" lang="ar">${inner}</div>`;
const en = (inner: string) => `<div dir="ltr" lang="en">${inner}</div>`;

describe('renderBodyHtml: escaping', () => {
  it.each([
    ['a script tag', '<script>alert(1)</script>', '<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'],
    [
      'an image with onerror',
      '<img src=x onerror="alert(1)">',
      '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</p>',
    ],
    ['an entity typed literally', 'Tom &amp; Jerry &lt; &#60;', '<p>Tom &amp;amp; Jerry &amp;lt; &amp;#60;</p>'],
    ['a bare ampersand', 'R&D', '<p>R&amp;D</p>'],
    ['double and single quotes', `He said "no" and 'never'`, '<p>He said &quot;no&quot; and &#39;never&#39;</p>'],
    ['an attribute breakout', `" onmouseover="x' y='`, '<p>&quot; onmouseover=&quot;x&#39; y=&#39;</p>'],
    [
      'a closing container',
      '</p></div><div dir="ltr">',
      '<p>&lt;/p&gt;&lt;/div&gt;&lt;div dir=&quot;ltr&quot;&gt;</p>',
    ],
    ['a javascript: URL, which is only text', 'javascript:alert(1)', '<p>javascript:alert(1)</p>'],
    ['a comment and CDATA', '<!-- x --><![CDATA[y]]>', '<p>&lt;!-- x --&gt;&lt;![CDATA[y]]&gt;</p>'],
    [
      'bidi controls, kept as text',
      '\u202Eabc\u202C \u2067ب\u2069 \u200F\u200E\u061C',
      '<p>\u202Eabc\u202C \u2067ب\u2069 \u200F\u200E\u061C</p>',
    ],
    ['Arabic guillemets and Arabic-Indic digits, unchanged', '«قال» ٣٠ دولاراً', '<p>«قال» ٣٠ دولاراً</p>'],
    ['control characters, visibly replaced', 'a\u0000b\u0007c\u001Bd\u0085e', '<p>a\uFFFDb\uFFFDc\uFFFDd\uFFFDe</p>'],
    ['a lone surrogate, replaced; a pair kept', 'x\uD800y 😀', '<p>x\uFFFDy 😀</p>'],
    ['a tab, kept', 'a\tb', '<p>a\tb</p>'],
  ])('%s', (_name, body, inner) => {
    expect(renderBodyHtml(body, 'en')).toBe(en(inner));
  });

  it('escapes the five characters and nothing else', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
    expect(escapeHtml('javascript: بيروت = 1;')).toBe('javascript: بيروت = 1;');
  });

  it('lets no markup through, whatever is typed: the only tags and quotes are its own', () => {
    const typed = fc.oneof(
      fc.string({ unit: 'grapheme' }),
      fc.string({ unit: 'binary' }),
      fc
        .array(fc.constantFrom('<', '>', '&', '"', "'", '\n', '\r', '\u2029', ' ', 'p', 'div', '/', '=', 'ب'))
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(typed, fc.constantFrom('ar' as const, 'en' as const), (body, language) => {
        const html = renderBodyHtml(body, language);
        const own = html.replace(/^<div dir="(?:rtl|ltr)" lang="(?:ar|en)">|<\/div>$|<\/?p>|<br>/g, '');
        expect(own).not.toMatch(/[<>"']/);
        // every & starts one of the escapes
        expect(own.replace(/&(?:amp|lt|gt|quot|#39);/g, '')).not.toContain('&');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});

describe('renderBodyHtml: paragraphs and direction', () => {
  it('wraps Arabic in dir="rtl" lang="ar" and English in dir="ltr" lang="en"', () => {
    expect(renderBodyHtml('مرحبا', 'ar')).toBe(ar('<p>مرحبا</p>'));
    expect(renderBodyHtml('Hello', 'en')).toBe(en('<p>Hello</p>'));
  });

  it.each([
    ['an empty body', '', ''],
    ['only whitespace and blank lines', '  \n\n \t\n\r\n', ''],
    ['one line', 'one', '<p>one</p>'],
    ['a blank line between paragraphs', 'one\n\ntwo', '<p>one</p><p>two</p>'],
    ['several blank lines, some with spaces', 'one\n \n\t\n\ntwo', '<p>one</p><p>two</p>'],
    ['a single line break inside a paragraph', 'line one\nline two\n\nnext', '<p>line one<br>line two</p><p>next</p>'],
    ['Windows and old Mac line breaks', 'a\r\nb\r\n\r\nc\rd', '<p>a<br>b</p><p>c<br>d</p>'],
    ['Unicode line and paragraph separators', 'a\u2028b\u2029c', '<p>a<br>b</p><p>c</p>'],
    [
      'leading and trailing whitespace of lines trimmed',
      '  one  \n   two\n\n\n  three  ',
      '<p>one<br>two</p><p>three</p>',
    ],
    ['leading and trailing blank lines dropped', '\n\n\none\n\n\n', '<p>one</p>'],
  ])('%s', (_name, body, inner) => {
    expect(renderBodyHtml(body, 'ar')).toBe(ar(inner));
  });

  it('splits paragraphs before escaping, so an escaped character never splits one', () => {
    expect(paragraphsOf('a <b>\n\nc & d')).toEqual([['a <b>'], ['c & d']]);
  });
});

describe('renderHeadlineHtml', () => {
  it('escapes a headline that tries to close the title', () => {
    expect(renderHeadlineHtml('Budget </title><script>x()</script>', 'en')).toBe(
      '<h1 dir="ltr" lang="en">Budget &lt;/title&gt;&lt;script&gt;x()&lt;/script&gt;</h1>',
    );
  });

  it('puts an Arabic headline on one line, right to left', () => {
    expect(renderHeadlineHtml('  عاجل:\nانقطاع   الكهرباء ', 'ar')).toBe(
      '<h1 dir="rtl" lang="ar">عاجل: انقطاع   الكهرباء</h1>',
    );
  });
});
