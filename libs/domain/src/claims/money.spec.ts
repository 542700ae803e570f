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
    ['MYR 500 million', 'MYR 500 million', 5e8, 'MYR'],
    ['450 million CAD', '450 million CAD', 4.5e8, 'CAD'],
    ['CHF 15', 'CHF 15', 15, 'CHF'],
    ['₩50 billion', '₩50 billion', 5e10, 'KRW'],
    ['₴200', '₴200', 200, 'UAH'],
    ['paid Rs. 5,000', 'Rs. 5,000', 5000, 'INR'],
    ['Rs 200', 'Rs 200', 200, 'INR'],
    ['costs LE 50', 'LE 50', 50, 'EGP'],
    ['Dhs 500', 'Dhs 500', 500, 'AED'],
    ['HK$3 million', 'HK$3 million', 3e6, 'HKD'],
    ['worth a dollar a day', 'a dollar', 1, 'USD'],
    ['raised 10k$', '10k$', 10000, 'USD'],
    ['5m euros', '5m euros', 5e6, 'EUR'],
    ['150 ج.م', '150 ج.م', 150, 'EGP'],
    ['4000 ل.س', '4000 ل.س', 4000, 'SYP'],
    ['250 د.ك', '250 د.ك', 250, 'KWD'],
    ['500 أورو', '500 أورو', 500, 'EUR'],
    ['7 شواقل', '7 شواقل', 7, 'ILS'],
    ['2 مليار رينغيت ماليزي', '2 مليار رينغيت ماليزي', 2e9, 'MYR'],
    ['3 مليارات كرونة سويدية', '3 مليارات كرونة سويدية', 3e9, 'SEK'],
    ['4 billion Swedish kronor', '4 billion Swedish kronor', 4e9, 'SEK'],
    ['100 Mexican pesos', '100 Mexican pesos', 100, 'MXN'],
    ['-5 دولار', '-5 دولار', -5, 'USD'],
    ['a loss of -$5 million', '-$5 million', -5e6, 'USD'],
    ['بأقل من دولار واحد يومياً', 'دولار واحد', 1, 'USD'],
    ['بليرة واحدة', 'ليرة واحدة', 1, 'SYP'],
  ])('more currencies: %s', (text, span, amount, currency) => {
    expect(money(text)).toEqual([[span, { amount, currency }]]);
  });

  it.each([
    ['ما بين عشرة وعشرين دولاراً', ['عشرة', 10], ['عشرين دولاراً', 20]],
    ['ما بين 200 و300 دولار', ['200', 200], ['300 دولار', 300]],
    ['between 10 and 20 million dollars', ['10', 10e6], ['20 million dollars', 20e6]],
    ['$10-20', ['$10', 10], ['20', 20]],
    ['ما بين 10 آلاف و20 ألف دولار', ['10 آلاف', 10000], ['20 ألف دولار', 20000]],
    ['between 500 and 2 million dollars', ['500', 500], ['2 million dollars', 2e6]],
    ['بين 5 و10 ملايين دولار', ['5', 5e6], ['10 ملايين دولار', 10e6]],
  ])('a range sharing one currency is two amounts: %s', (text, first, second) => {
    expect(money(text)).toEqual([
      [first[0], { amount: first[1], currency: 'USD' }],
      [second[0], { amount: second[1], currency: 'USD' }],
    ]);
  });

  it.each([
    ['a dollar sign is no amount', 'a dollar sign'],
    ['a code that is also a word', 'ALL 5 members'],
    ['a code of a programming language', 'PHP 8 release'],
    ['LE must be in capitals', '5 Le Monde'],
    ['a bare won', 'the team won 5 games'],
    ['an unknown currency', '3,000 guilders'],
  ])('%s', (_name, text) => {
    expect(money(text)).toEqual([]);
  });

  it.each([
    ['a bare dinar is only a number', 'دفع 20 دينارًا'],
    ['vague amounts', 'ملايين الدولارات وآلاف الليرات'],
    ['a lower-case code', 'us 5'],
  ])('%s', (_name, text) => {
    expect(money(text)).toEqual([]);
  });
});
