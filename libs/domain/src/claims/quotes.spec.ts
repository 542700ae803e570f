import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';
import type { QuoteClaim } from '#contracts';

function quotes(text: string): [string, string | null, string][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim): claim is QuoteClaim => claim.kind === 'quote')
    .map((claim) => [claim.text, claim.value.speaker, claim.form]);
}

describe('quotes', () => {
  it.each([
    [
      'reported after قال … إن',
      'وقال الشيباني إن الاجتماع كان مثمرًا.',
      [['الاجتماع كان مثمرًا', 'الشيباني', 'reported']],
    ],
    [
      'a role as the speaker',
      'وقال المتحدث باسم الوزارة في بيان إن الوفد غادر.',
      [['الوفد غادر', 'المتحدث باسم الوزارة', 'reported']],
    ],
    [
      'a document as the speaker',
      'وأوضح البيان الختامي أن الدول اتفقت.',
      [['الدول اتفقت', 'البيان الختامي', 'reported']],
    ],
    ['بأن', 'وصرّح الوزير بأنّ الحصيلة ارتفعت.', [['الحصيلة ارتفعت', 'الوزير', 'reported']]],
    ['no named speaker', 'وقال إن الحصيلة ارتفعت.', [['الحصيلة ارتفعت', null, 'reported']]],
    ['a colon before إن', 'وقال الوزير: إن الرواتب ستُدفع.', [['الرواتب ستُدفع', 'الوزير', 'reported']]],
    [
      'a participle takes the subject of its sentence',
      'ووجّه التحالف الشكر للحكومة، مؤكدًا أن التنسيق مستمر.',
      [['التنسيق مستمر', 'التحالف', 'reported']],
    ],
    [
      'a participle after a speech verb',
      'وقال الوزير إن الاجتماع كان بنّاءً، مضيفًا أن الدعم مستمر.',
      [
        ['الاجتماع كان بنّاءً، مضيفًا أن الدعم مستمر', 'الوزير', 'reported'],
        ['الدعم مستمر', 'الوزير', 'reported'],
      ],
    ],
    [
      'a quoted outlet on the way to إن',
      'وقال مدير المستشفى لـ“عنب بلدي” إن المستشفى استقبل جرحى.',
      [['المستشفى استقبل جرحى', 'مدير المستشفى', 'reported']],
    ],
    [
      'a direct quote after a colon',
      'وكتب الوزير عبر منصة “إكس”: «نعمل على فتح المعابر».',
      [['نعمل على فتح المعابر', 'الوزير', 'direct']],
    ],
    [
      'a direct quote after a speech verb',
      'وقال الوزير في كلمته “سنعيد بناء ما تهدم”.',
      [['سنعيد بناء ما تهدم', 'الوزير', 'direct']],
    ],
    [
      'قال right after the closing mark',
      '«لن نتراجع عن هذا القرار»، قال الوزير.',
      [['لن نتراجع عن هذا القرار', 'الوزير', 'direct']],
    ],
    [
      'English reported',
      'The minister said that the talks failed.',
      [['the talks failed', 'The minister', 'reported']],
    ],
    [
      'English aside before the verb',
      'The report, which was released on Monday, says that prices rose.',
      [['prices rose', 'The report', 'reported']],
    ],
    [
      'English second verb sharing a subject',
      'Officials noted the decline but said that it was too early.',
      [['it was too early', 'Officials', 'reported']],
    ],
    [
      'English title abbreviation after said',
      '"We received 70 people," said Dr. Ahmad, the director.',
      [['We received 70 people', 'Dr. Ahmad', 'direct']],
    ],
    [
      'English relative clause',
      'Few came, according to the U.S. Embassy, which said that the road was closed.',
      [['the road was closed', 'the U.S. Embassy', 'reported']],
    ],
    [
      'English told … that',
      'The hospital director told “Enab Baladi” that 70 people arrived.',
      [['70 people arrived', 'The hospital director', 'reported']],
    ],
    [
      'English speaker after the quote',
      '"We will not accept this," the minister said.',
      [['We will not accept this', 'the minister', 'direct']],
    ],
    [
      'English said + name after the quote',
      '"This is unacceptable," said Foreign Minister Asaad al-Shaibani.',
      [['This is unacceptable', 'Foreign Minister Asaad al-Shaibani', 'direct']],
    ],
  ])('%s', (_name, text, expected) => {
    expect(quotes(text)).toEqual(expected);
  });

  it.each([
    ['quoted names', 'نشرته وكالة “واس” عن مخيمي “الهول” و”الروج” وعن “قوات سوريا الديمقراطية”.'],
    ['a quote no speech verb governs', 'ورفعت لافتات كتب عليها “لا للحرب في بلادنا”.'],
    ['أن after بعد', 'وقال الوزير بعد أن وصل الوفد.'],
    ['أن after ضرورة', 'مؤكدين على ضرورة أن تتحمل الدول مسؤولياتها.'],
    ['a speech verb without إن/أن', 'وأكد أعضاء التحالف على أولوياتهم.'],
  ])('ignores %s', (_name, text) => {
    expect(quotes(text)).toEqual([]);
  });
});
