import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { DraftClaim } from '#contracts';
import {
  describeWithBrowser,
  editorText,
  pollUntil,
  saveScreenshot,
  selectedText,
  signInThroughPage,
  textPoint,
  textWithoutWidgets,
  useBrowser,
  watchPageErrors,
  type SignInLabels,
} from '../support/browser.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SCENARIO = 'fact-checking';

/**
 * A Beirut power-supply story, written for this test: a date with its weekday (8 February 2026
 * was a Sunday, so no finding), a percentage and a sum of money; "أعلنت … أن" also makes the
 * clause a reported quote around the figures.
 */
const HEADLINE = 'ساعات التغذية الكهربائية ترتفع في بيروت بعد وصول شحنة الفيول';
const BODY =
  'أعلنت مؤسسة كهرباء لبنان، الأحد 8 شباط 2026، أن ساعات التغذية في بيروت ارتفعت بنسبة 35% خلال الأسبوعين الماضيين، بعد وصول شحنة فيول بقيمة 42 مليون دولار إلى معمل الزهراني.';
/** The reporter's correction: one digit of the percentage, typed over it in the body. */
const PERCENT = '35%';
const EDITED_PERCENT = '38%';
const EDITED_BODY = BODY.replace(PERCENT, EDITED_PERCENT);

/** The checker's verdict, through the card's form. */
const NOTE = 'مطابق لبيان المؤسسة الصادر صباح الأحد؛ النسبة محسوبة على معدل كانون الثاني.';
const EVIDENCE_URL = 'https://example.org/edl/2026-02-08-supply-bulletin';
const EVIDENCE_TITLE = 'بيان مؤسسة كهرباء لبنان، 8 شباط 2026';

/** The page's words each of them reads it in: the reporter's interface is Arabic, the checker's English. */
interface Words {
  signIn: SignInLabels;
  body: string;
  saved: string;
  percentage: string;
  verified: string;
  stale: string;
  lapsed: string;
}
const ENGLISH: Words = {
  signIn: { email: 'Email', password: 'Password', submit: 'Sign in' },
  body: 'Body',
  saved: 'Saved',
  percentage: 'Percentage',
  verified: 'Verified',
  stale: 'Stale',
  lapsed: 'no longer counts',
};
const ARABIC: Words = {
  signIn: { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' },
  body: 'النص',
  saved: 'محفوظ',
  percentage: 'نسبة مئوية',
  verified: 'صحيح',
  stale: 'تغيّر النص',
  lapsed: 'لم يعد سارياً',
};

interface Person {
  who: 'reporter' | 'checker';
  user: TestUser;
  words: Words;
  page: Page;
  errors: string[];
}

describeWithBrowser('a fact-checker verifies a claim in Chromium, then the reporter changes its figure', () => {
  const browser = useBrowser();
  let server: TestServer;
  let reporter: TestUser;
  let checker: TestUser;
  let draftId: string;
  beforeAll(async () => {
    server = await startTestServer({ redis: true, env: { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' } });
    const desk = await createDesk(server.app);
    reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'رنا الخوري');
    checker = await createUser(server.app, server.url, 'fact_checker', [desk.id], 'Karim Haddad');
    draftId = await createDraft(server.url, reporter, { language: 'ar', headline: HEADLINE, body: BODY });
  });
  afterAll(async () => {
    await server?.close();
  });

  const open = async (who: Person['who'], user: TestUser, words: Words, locale: string): Promise<Person> => {
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { who, user, words, page, errors: watchPageErrors(page) };
  };
  const shoot = (person: Person, step: string) => saveScreenshot(person.page, SCENARIO, `${step}-${person.who}`);
  const bodyOf = (person: Person) => person.page.locator(`.cm-content[aria-label="${person.words.body}"]`);
  /** The claim's highlight in the body, with extra classes when given (`.cm-claim-verified`). */
  const highlight = (person: Person, claimId: string, classes = '') =>
    bodyOf(person).locator(`.cm-claim[data-claim-id="${claimId}"]${classes}`);
  /** The claim's card in the claims panel, with extra attribute selectors when given. */
  const card = (person: Person, claimId: string, more = '') =>
    person.page.locator(`.claims-region li.claim-card[data-claim-id="${claimId}"]${more}`);
  const waitFor = (locator: Locator) => locator.waitFor({ state: 'visible' });
  const saveStatus = async (person: Person) =>
    (await person.page.locator('.save-status[role="status"] .save-text').textContent()) ?? '';

  /** The draft's claims as the server has them now (its REST answer reconciles with the document first). */
  const claimsNow = async (): Promise<DraftClaim[]> =>
    (
      await request(server.url)
        .get(`/api/drafts/${draftId}/claims`)
        .set(...bearer(checker))
        .expect(200)
    ).body;

  it('both see the verdict land on the highlight, then see it go stale when a digit changes, the old verdict kept', async () => {
    const people: Person[] = [];
    let errorsChecked = false;
    try {
      const r = await open('reporter', reporter, ARABIC, 'ar');
      const c = await open('checker', checker, ENGLISH, 'en-GB');
      people.push(r, c);

      // The server's extractor finds the date, the quote, the percentage and the money.
      const found = await pollUntil(
        'the extractor to find the percentage, the money and the date',
        claimsNow,
        (claims) => ['date', 'percentage', 'money'].every((kind) => claims.some((claim) => claim.kind === kind)),
      );
      const percentage = found.find((claim) => claim.kind === 'percentage')!;
      expect(percentage).toMatchObject({ text: PERCENT, value: 35, status: 'unchecked', stale: false });
      const otherIds = found.filter((claim) => claim.id !== percentage.id).map((claim) => claim.id);

      // 1. Both sign in through the page's form and open the draft; both see every claim highlighted.
      for (const person of people) {
        await signInThroughPage(person.page, server.url, person.user.email, person.user.password, {
          hash: `#/drafts/${draftId}`,
          labels: person.words.signIn,
        });
        await pollUntil(
          `the ${person.who}'s body to show the filed text`,
          () => editorText(bodyOf(person)),
          (text) => text === BODY,
        );
        for (const claim of found) await waitFor(highlight(person, claim.id, '.cm-claim-unchecked'));
        expect(await textWithoutWidgets(highlight(person, percentage.id))).toBe(PERCENT);
        // The card names the kind in the interface language and shows the claim's text.
        const pctCard = card(person, percentage.id, '[data-status="unchecked"]');
        await waitFor(pctCard);
        expect(await pctCard.locator('.claim-kind').textContent()).toBe(person.words.percentage);
        expect(await pctCard.locator('.claim-text').textContent()).toBe(PERCENT);
        expect(await card(person, percentage.id).locator('.claim-stale-flag').count()).toBe(0);
      }
      expect(await r.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await c.page.locator('html').getAttribute('dir')).toBe('ltr');
      for (const person of people) await shoot(person, '1-opened');

      // 2. The checker opens the percentage's card in the panel and records "verified" with a note and a link.
      const checkerCard = card(c, percentage.id);
      await checkerCard.locator('button.claim-toggle').click();
      expect(await checkerCard.locator('button.claim-toggle').getAttribute('aria-expanded')).toBe('true');
      const form = checkerCard.locator('form.claim-verdict-form');
      await waitFor(form);
      await form.getByLabel('Verdict', { exact: true }).selectOption({ label: 'Verified' });
      await form.getByLabel('Note', { exact: true }).fill(NOTE);
      await form.getByLabel('Link 1', { exact: true }).fill(EVIDENCE_URL);
      await form.getByLabel('Title of link 1', { exact: true }).fill(EVIDENCE_TITLE);
      for (const person of people) await shoot(person, '2-verdict-form');
      await form.getByRole('button', { name: 'Record verdict', exact: true }).click();
      await checkerCard.locator('.claim-done[role="status"]', { hasText: 'Verdict recorded.' }).waitFor();
      // The form empties for the next verdict.
      expect(await form.getByLabel('Verdict', { exact: true }).inputValue()).toBe('');

      // 3. Both screens: the highlight and the card turn verified; the others stay unchecked.
      for (const person of people) {
        await waitFor(highlight(person, percentage.id, '.cm-claim-verified:not(.cm-claim-stale)'));
        const verifiedCard = card(person, percentage.id, '.claim-verified[data-status="verified"]');
        await waitFor(verifiedCard);
        expect(await verifiedCard.locator('.claim-toggle .claim-badge').textContent()).toBe(person.words.verified);
        for (const id of otherIds) await waitFor(highlight(person, id, '.cm-claim-unchecked'));
      }
      // The reporter opens the card: the verdict, its note and its evidence link, by the checker.
      const reporterCard = card(r, percentage.id);
      await reporterCard.locator('button.claim-toggle').click();
      const standing = reporterCard.locator('li.claim-verdict-latest');
      await waitFor(standing);
      expect(await standing.locator('.claim-by').textContent()).toBe(checker.displayName);
      expect(await standing.locator('.claim-note').textContent()).toBe(NOTE);
      const link = standing.locator('.claim-evidence-links a');
      expect(await link.getAttribute('href')).toBe(EVIDENCE_URL);
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.textContent()).toContain(EVIDENCE_TITLE);
      // Reporters read verdicts; they have no form to record one.
      expect(await reporterCard.locator('form.claim-verdict-form').count()).toBe(0);
      for (const person of people) await shoot(person, '3-verified');

      // 4. The reporter changes one digit of the percentage, typing over it in the body: a
      // double-click on the "3" selects the figure's digits, as it would for anyone. A click on a
      // highlight reveals its card, which may scroll the whole page (the text moves under the
      // pointer, so the second click of a double-click lands elsewhere): the reporter clicks the
      // figure once, and double-clicks it where it then is.
      const mark = highlight(r, percentage.id);
      const first = await textPoint(mark, '3');
      await r.page.mouse.click(first.x, first.y);
      // The click revealed the claim in the panel, where the card already was open.
      await waitFor(card(r, percentage.id).locator('button.claim-toggle[aria-expanded="true"]'));
      const digit = await textPoint(mark, '3');
      await r.page.mouse.dblclick(digit.x, digit.y);
      await pollUntil(
        "the reporter's selection to be the figure's digits",
        () => selectedText(r.page),
        (selected) => selected === '35',
      );
      await r.page.keyboard.type('38');
      for (const person of people) {
        await pollUntil(
          `the ${person.who}'s body to have the new figure`,
          () => editorText(bodyOf(person)),
          (text) => text === EDITED_BODY,
        );
      }
      await pollUntil(
        "the reporter's edit to be saved",
        () => saveStatus(r),
        (status) => status === r.words.saved,
      );

      // 5. Both screens: the claim is stale (a striped highlight with its marker, the panel's flag),
      // and the verdict it had still shows, as no longer counting.
      for (const person of people) {
        const staleMark = highlight(person, percentage.id, '.cm-claim-verified.cm-claim-stale');
        await waitFor(staleMark);
        expect(await textWithoutWidgets(staleMark)).toBe(EDITED_PERCENT);
        await bodyOf(person).locator(`.cm-claim-stale-marker[data-claim-id="${percentage.id}"]`).waitFor();
        const staleCard = card(person, percentage.id, '.claim-is-stale[data-status="stale"]');
        await waitFor(staleCard);
        expect(await staleCard.locator('.claim-stale-flag').textContent()).toBe(person.words.stale);
        // The lapsed verdict's badge, and the checked and current text side by side.
        expect(await staleCard.locator('.claim-toggle .claim-badge-lapsed').textContent()).toBe(person.words.verified);
        expect(await staleCard.locator('.claim-text').textContent()).toBe(EDITED_PERCENT);
        const compare = staleCard.locator('.claim-stale-notice dl.claim-compare dd');
        await compare.first().waitFor();
        expect(await compare.allTextContents()).toEqual([PERCENT, EDITED_PERCENT]);
        const lapsed = staleCard.locator('li.claim-verdict-latest');
        expect(await lapsed.locator('.claim-standing').textContent()).toBe(` (${person.words.lapsed})`);
        expect(await lapsed.locator('.claim-note').textContent()).toBe(NOTE);
        expect(await lapsed.locator('.claim-evidence-links a').getAttribute('href')).toBe(EVIDENCE_URL);
        // Nothing else went stale.
        for (const id of otherIds) expect(await highlight(person, id, '.cm-claim-stale').count()).toBe(0);
      }
      for (const person of people) await shoot(person, '4-stale');

      // The server agrees: the same claim, still verified, stale, its verdict kept.
      const after = (await claimsNow()).find((claim) => claim.id === percentage.id);
      expect(after).toMatchObject({ text: EDITED_PERCENT, value: 38, status: 'verified', stale: true });
      expect(after?.verdicts).toHaveLength(1);
      expect(after?.verdict).toMatchObject({ status: 'verified', note: NOTE, text: PERCENT });

      errorsChecked = true;
      for (const person of people)
        expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] });
    } finally {
      if (!errorsChecked) {
        for (const person of people) {
          if (person.errors.length > 0)
            process.stderr.write(`The ${person.who}'s page errors:\n${person.errors.join('\n')}\n`);
        }
      }
      for (const person of people) await shoot(person, 'last').catch(() => undefined);
    }
  }, 120_000);
});
