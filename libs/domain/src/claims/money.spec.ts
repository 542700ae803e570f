import { describe, expect, it } from '@jest/globals';

import { extractClaims } from './extract-claims.js';

function money(text: string): [string, unknown][] {
  return extractClaims(text, { referenceDate: '2026-02-10' })
    .claims.filter((claim) => claim.kind === 'money')
    .map((claim) => [claim.text, claim.value]);
}

describe('money', () => {
  it.each([
    ['بلغت 3 ملايين دولار.', '3 ملايين دولار', 3e6, 'USD'],
    ['بـ500 ليرة سورية', '500 ليرة سورية', 500, 'SYP'],
    ['نحو 500 ليرة', '500 ليرة', 500, 'SYP'],
    ['بلغ 89 ألف ليرة لبنانية', '89 ألف ليرة لبنانية', 89000, 'LBP'],
    ['مليار يورو', 'مليار يورو', 1e9, 'EUR'],
    ['٢٫٥ مليار ريال سعودي', '٢٫٥ مليار ريال سعودي', 2.5e9, 'SAR'],
    ['300 ريال قطري', '300 ريال قطري', 300, 'QAR'],
    ['300 دينار عراقي', '300 دينار عراقي', 300, 'IQD'],
    ['50 درهمًا', '50 درهمًا', 50, 'AED'],
    ['50 درهم مغربي', '50 درهم مغربي', 50, 'MAD'],
    ['20 جنيهًا', '20 جنيهًا', 20, 'EGP'],
    ['20 جنيه إسترليني', '20 جنيه إسترليني', 20, 'GBP'],
    ['ثلاثة ملايين وخمسمئة ألف دولار أمريكي', 'ثلاثة ملايين وخمسمئة ألف دولار أمريكي', 3.5e6, 'USD'],
    ['100 يوان', '100 يوان', 100, 'CNY'],
    ['1000 ين ياباني', '1000 ين ياباني', 1000, 'JPY'],
    ['5 ملايين روبل', '5 ملايين روبل', 5e6, 'RUB'],
    ['it cost $5', '$5', 5, 'USD'],
    ['US$5 million', 'US$5 million', 5e6, 'USD'],
    ['€2bn', '€2bn', 2e9, 'EUR'],
    ['£300', '£300', 300, 'GBP'],
    ['5 million dollars', '5 million dollars', 5e6, 'USD'],
    ['USD 2.5 million', 'USD 2.5 million', 2.5e6, 'USD'],
    ['500 Syrian pounds', '500 Syrian pounds', 500, 'SYP'],
    ['5 billion Turkish lira', '5 billion Turkish lira', 5e9, 'TRY'],
    ['a billion euros', 'a billion euros', 1e9, 'EUR'],
  ])('%s', (text, span, amount, currency) => {
    expect(money(text)).toEqual([[span, { amount, currency }]]);
  });

  it.each([
    ['a bare dinar is only a number', 'دفع 20 دينارًا'],
    ['vague amounts', 'ملايين الدولارات وآلاف الليرات'],
    ['a lower-case code', 'us 5'],
  ])('%s', (_name, text) => {
    expect(money(text)).toEqual([]);
  });
});
