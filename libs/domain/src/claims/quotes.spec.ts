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
    [
      'a headline speaker before the colon',
      'وزير الطاقة: «سنعيد الكهرباء إلى كل المناطق»',
      [['سنعيد الكهرباء إلى كل المناطق', 'وزير الطاقة', 'direct']],
    ],
    [
      'a headline speaker stops at a preposition',
      'رئيس الوزراء في مؤتمر صحفي: «الحكومة ملتزمة بخفض الأسعار»',
      [['الحكومة ملتزمة بخفض الأسعار', 'رئيس الوزراء', 'direct']],
    ],
    [
      'و + a verb before the colon',
      'وغرّد السفير: «نقف إلى جانب الشعب في هذه الظروف».',
      [['نقف إلى جانب الشعب في هذه الظروف', 'السفير', 'direct']],
    ],
    [
      'relayed with نقل … عن',
      'ونقلت الوكالة عن الوزير قوله: «لا تهاون مع الفساد في المؤسسات».',
      [['لا تهاون مع الفساد في المؤسسات', 'الوزير', 'direct']],
    ],
    [
      'unattributed after a colon',
      'وجاء في البيان: «تدعو الوزارة المواطنين إلى الالتزام بالتعليمات».',
      [['تدعو الوزارة المواطنين إلى الالتزام بالتعليمات', null, 'direct']],
    ],
    [
      'attributed by بحسب after the quote',
      '«الاتفاق في مراحله الأخيرة»، بحسب مصدر مطلع.',
      [['الاتفاق في مراحله الأخيرة', 'مصدر مطلع', 'direct']],
    ],
    [
      'one of the residents after the quote',
      '«المياه لم تصل منذ أسبوع كامل»، قال أحد السكان.',
      [['المياه لم تصل منذ أسبوع كامل', 'أحد السكان', 'direct']],
    ],
    [
      'a clause ends at the full stop after هـ',
      'وأعلن المجلس أن العيد يبدأ في 1 شوال 1447 هـ. وأضاف أن الدوائر تغلق.',
      [
        ['العيد يبدأ في 1 شوال 1447 هـ', 'المجلس', 'reported'],
        ['الدوائر تغلق', null, 'reported'],
      ],
    ],
    [
      'a date between the verb and إن',
      'وقالت وزارة الصحة في بيان رسمي نشرته مساء الاثنين 9 شباط/فبراير 2026 إن الحملة ستشمل المدارس.',
      [['الحملة ستشمل المدارس', 'وزارة الصحة', 'reported']],
    ],
    [
      'a quote inside a quote',
      'وقال الوزير: «رفع المحتجون شعار “الخبز والكرامة للجميع” أمام المبنى».',
      [['رفع المحتجون شعار “الخبز والكرامة للجميع” أمام المبنى', 'الوزير', 'direct']],
    ],
    [
      'a reported clause inside a quote',
      'وقال رئيس اللجنة: «الوزير أكد لنا أن التمويل سيصل خلال أيام».',
      [['الوزير أكد لنا أن التمويل سيصل خلال أيام', 'رئيس اللجنة', 'direct']],
    ],
    [
      'a partial quote inside a clause',
      'وأكد المتحدث أن الحكومة «لن تتراجع عن قرار رفع الدعم» مهما كانت الضغوط.',
      [['الحكومة «لن تتراجع عن قرار رفع الدعم» مهما كانت الضغوط', 'المتحدث', 'reported']],
    ],
    [
      'a quote right after إن is one claim',
      'وقال الوزير إن «الاتفاق يخدم مصلحة البلدين».',
      [['الاتفاق يخدم مصلحة البلدين', 'الوزير', 'direct']],
    ],
    [
      'a nested quote ending the outer one keeps its mark',
      'وقالت الناشطة: «كتبنا على الجدار “سنبقى هنا مهما طال الزمن”»',
      [['كتبنا على الجدار “سنبقى هنا مهما طال الزمن”', 'الناشطة', 'direct']],
    ],
    [
      'an outlet glued to لـ is a name',
      'قال الوزير لـ«سكاي نيوز عربية»: «الإمارات تدعم كل جهود السلام»',
      [['الإمارات تدعم كل جهود السلام', 'الوزير', 'direct']],
    ],
    [
      'a label before a separator',
      'عاجل | وزير الداخلية: «القبض على المتورطين في الهجوم»',
      [['القبض على المتورطين في الهجوم', 'وزير الداخلية', 'direct']],
    ],
    [
      'curly marks written the other way round',
      'وقال الوزير: ”سنعيد بناء ما تهدم في المدينة“.',
      [['سنعيد بناء ما تهدم في المدينة', 'الوزير', 'direct']],
    ],
    [
      'English headline speaker',
      'UN envoy Geir Pedersen: “The political process must move forward now.”',
      [['The political process must move forward now', 'UN envoy Geir Pedersen', 'direct']],
    ],
    [
      'English pronoun speaker',
      '"We will not leave our land," he said.',
      [['We will not leave our land', null, 'direct']],
    ],
    [
      'English date before that',
      'The ministry said in a statement on Monday, February 9, 2026, that schools would reopen.',
      [['schools would reopen', 'The ministry', 'reported']],
    ],
    [
      'English dotted date inside a clause',
      'Officials said that the deal was signed on 9.2.2026. Talks continue.',
      [['the deal was signed on 9.2.2026', 'Officials', 'reported']],
    ],
    [
      'English closing mark after the full stop',
      'The director said that work would go on, adding: "We will not stop."',
      [
        ['work would go on, adding: "We will not stop."', 'The director', 'reported'],
        ['We will not stop', 'The director', 'direct'],
      ],
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
    ['a list after a colon', 'المشاركون: سوريا ولبنان والأردن والعراق.'],
    ['a headline without quote marks', 'وزير الاقتصاد: الأسعار ستستقر خلال الأشهر المقبلة'],
    ['a quoted name before بحسب mid-sentence', 'وشاركت “قوات سوريا الديمقراطية” في الاجتماع بحسب المصادر.'],
    ['English that as a determiner', 'Production rose, the ministry said that day.'],
  ])('ignores %s', (_name, text) => {
    expect(quotes(text)).toEqual([]);
  });
});
