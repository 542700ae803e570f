import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { describeWithBrowser, pollUntil, selectedText, textPoint, textWithoutWidgets } from '../support/browser.js';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { visible, useNewsroomPage, type Person } from '../support/newsroom-page.js';
import { claimsOf } from '../publishing/release-harness.js';
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

describeWithBrowser('a fact-checker verifies a claim in Chromium, then the reporter changes its figure', () => {
  const newsroom = useNewsroomPage(SCENARIO);
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

  /** The claim's highlight in the body, with extra classes when given (`.cm-claim-verified`). */
  const highlight = (person: Person, claimId: string, classes = '') =>
    person.bodyEditor().locator(`.cm-claim[data-claim-id="${claimId}"]${classes}`);
  /** The claim's card in the claims panel, with extra attribute selectors when given. */
  const card = (person: Person, claimId: string, more = '') =>
    person.page.locator(`.claims-region li.claim-card[data-claim-id="${claimId}"]${more}`);

  /** The draft's claims as the server has them now (its REST answer reconciles with the document first). */
  const claimsNow = () => claimsOf(server.url, checker, draftId);

  it('both see the verdict land on the highlight, then see it go stale when a digit changes, the old verdict kept', async () => {
    await newsroom.play(server.url, async (scene) => {
      // The reporter's interface is Arabic, the checker's English.
      const viewport = { width: 1280, height: 900 };
      const r = await scene.enter({ who: 'reporter', user: reporter, locale: 'ar', context: { viewport } });
      const c = await scene.enter({ who: 'checker', user: checker, locale: 'en', context: { viewport } });
      const people = [r, c];

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
        await person.openDraft(draftId, { body: BODY });
        for (const claim of found) await visible(highlight(person, claim.id, '.cm-claim-unchecked'));
        expect(await textWithoutWidgets(highlight(person, percentage.id))).toBe(PERCENT);
        // The card names the kind in the interface language and shows the claim's text.
        const pctCard = card(person, percentage.id, '[data-status="unchecked"]');
        await visible(pctCard);
        expect(await pctCard.locator('.claim-kind').textContent()).toBe(person.words('claims.kind.percentage'));
        expect(await pctCard.locator('.claim-text').textContent()).toBe(PERCENT);
        expect(await card(person, percentage.id).locator('.claim-stale-flag').count()).toBe(0);
      }
      expect(await r.page.locator('html').getAttribute('dir')).toBe('rtl');
      expect(await c.page.locator('html').getAttribute('dir')).toBe('ltr');
      await scene.shootAll('1-opened');

      // 2. The checker opens the percentage's card in the panel and records "verified" with a note and a link.
      const checkerCard = card(c, percentage.id);
      await checkerCard.locator('button.claim-toggle').click();
      expect(await checkerCard.locator('button.claim-toggle').getAttribute('aria-expanded')).toBe('true');
      const form = checkerCard.locator('form.claim-verdict-form');
      await visible(form);
      const verdict = form.getByLabel(c.words('claims.form.status'), { exact: true });
      await verdict.selectOption({ label: c.words('claims.status.verified') });
      await form.getByLabel(c.words('claims.form.note'), { exact: true }).fill(NOTE);
      await form.getByLabel(c.words('claims.form.url', { n: 1 }), { exact: true }).fill(EVIDENCE_URL);
      await form.getByLabel(c.words('claims.form.linkTitle', { n: 1 }), { exact: true }).fill(EVIDENCE_TITLE);
      await scene.shootAll('2-verdict-form');
      await form.getByRole('button', { name: c.words('claims.form.submit'), exact: true }).click();
      await checkerCard.locator('.claim-done[role="status"]', { hasText: c.words('claims.form.saved') }).waitFor();
      // The form empties for the next verdict.
      expect(await verdict.inputValue()).toBe('');

      // 3. Both screens: the highlight and the card turn verified; the others stay unchecked.
      for (const person of people) {
        await visible(highlight(person, percentage.id, '.cm-claim-verified:not(.cm-claim-stale)'));
        const verifiedCard = card(person, percentage.id, '.claim-verified[data-status="verified"]');
        await visible(verifiedCard);
        expect(await verifiedCard.locator('.claim-toggle .claim-badge').textContent()).toBe(
          person.words('claims.status.verified'),
        );
        for (const id of otherIds) await visible(highlight(person, id, '.cm-claim-unchecked'));
      }
      // The reporter opens the card: the verdict, its note and its evidence link, by the checker.
      const reporterCard = card(r, percentage.id);
      await reporterCard.locator('button.claim-toggle').click();
      const standing = reporterCard.locator('li.claim-verdict-latest');
      await visible(standing);
      expect(await standing.locator('.claim-by').textContent()).toBe(checker.displayName);
      expect(await standing.locator('.claim-note').textContent()).toBe(NOTE);
      const link = standing.locator('.claim-evidence-links a');
      expect(await link.getAttribute('href')).toBe(EVIDENCE_URL);
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
      expect(await link.textContent()).toContain(EVIDENCE_TITLE);
      // Reporters read verdicts; they have no form to record one.
      expect(await reporterCard.locator('form.claim-verdict-form').count()).toBe(0);
      await scene.shootAll('3-verified');

      // 4. The reporter changes one digit of the percentage, typing over it in the body: a
      // double-click on the "3" selects the figure's digits, as it would for anyone. A click on a
      // highlight reveals its card, which may scroll the whole page (the text moves under the
      // pointer, so the second click of a double-click lands elsewhere): the reporter clicks the
      // figure once, and double-clicks it where it then is.
      const mark = highlight(r, percentage.id);
      const first = await textPoint(mark, '3');
      await r.page.mouse.click(first.x, first.y);
      // The click revealed the claim in the panel, where the card already was open.
      await visible(card(r, percentage.id).locator('button.claim-toggle[aria-expanded="true"]'));
      const digit = await textPoint(mark, '3');
      await r.page.mouse.dblclick(digit.x, digit.y);
      await pollUntil(
        "the reporter's selection to be the figure's digits",
        () => selectedText(r.page),
        (selected) => selected === '35',
      );
      await r.page.keyboard.type('38');
      for (const person of people) await person.waitForBody('the new figure', (text) => text === EDITED_BODY);
      await r.waitForSaved();

      // 5. Both screens: the claim is stale (a striped highlight with its marker, the panel's flag),
      // and the verdict it had still shows, as no longer counting.
      for (const person of people) {
        const staleMark = highlight(person, percentage.id, '.cm-claim-verified.cm-claim-stale');
        await visible(staleMark);
        expect(await textWithoutWidgets(staleMark)).toBe(EDITED_PERCENT);
        await person.bodyEditor().locator(`.cm-claim-stale-marker[data-claim-id="${percentage.id}"]`).waitFor();
        const staleCard = card(person, percentage.id, '.claim-is-stale[data-status="stale"]');
        await visible(staleCard);
        expect(await staleCard.locator('.claim-stale-flag').textContent()).toBe(person.words('claims.stale'));
        // The lapsed verdict's badge, and the checked and current text side by side.
        expect(await staleCard.locator('.claim-toggle .claim-badge-lapsed').textContent()).toBe(
          person.words('claims.status.verified'),
        );
        expect(await staleCard.locator('.claim-text').textContent()).toBe(EDITED_PERCENT);
        const compare = staleCard.locator('.claim-stale-notice dl.claim-compare dd');
        await compare.first().waitFor();
        expect(await compare.allTextContents()).toEqual([PERCENT, EDITED_PERCENT]);
        const lapsed = staleCard.locator('li.claim-verdict-latest');
        expect(await lapsed.locator('.claim-standing').textContent()).toBe(
          ` (${person.words('claims.history.lapsed')})`,
        );
        expect(await lapsed.locator('.claim-note').textContent()).toBe(NOTE);
        expect(await lapsed.locator('.claim-evidence-links a').getAttribute('href')).toBe(EVIDENCE_URL);
        // Nothing else went stale.
        for (const id of otherIds) expect(await highlight(person, id, '.cm-claim-stale').count()).toBe(0);
      }
      await scene.shootAll('4-stale');

      // The server agrees: the same claim, still verified, stale, its verdict kept.
      const after = (await claimsNow()).find((claim) => claim.id === percentage.id);
      expect(after).toMatchObject({ text: EDITED_PERCENT, value: 38, status: 'verified', stale: true });
      expect(after?.verdicts).toHaveLength(1);
      expect(after?.verdict).toMatchObject({ status: 'verified', note: NOTE, text: PERCENT });

      scene.expectNoPageErrors();
    });
  }, 120_000);
});
