import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import type { DraftClaim } from '#contracts';
import { expectValidNinjs } from '../../libs/publishing/test/ninjs-schema.js';
import { act, publicationsOf, verifyAll } from '../publishing/release-harness.js';
import {
  describeWithBrowser,
  editorText,
  pollUntil,
  saveScreenshot,
  selectedText,
  signInThroughPage,
  useBrowser,
  watchPageErrors,
  type SignInLabels,
} from '../support/browser.js';
import { bearer, createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const SCENARIO = 'review-and-publish';

/**
 * A Tripoli council story, written for this test. 16 February 2026 was a Monday, so "الثلاثاء"
 * (Tuesday) is a weekday_mismatch finding; with the date, the money and the percentage, the gate
 * holds the approval on three claims and one finding.
 */
const HEADLINE = 'بلدية طرابلس تقرّ موازنة لترميم الأسواق القديمة';
const BODY = [
  'وافق مجلس بلدية طرابلس، الثلاثاء 16 شباط 2026، على موازنة بقيمة 18 مليون دولار لترميم الأسواق القديمة، بعدما تراجعت حركة الزوار بنسبة 22% العام الماضي.',
  '',
  'ويشمل المشروع خان الصابون وسوق العطارين، على أن تُلزَّم الأشغال بعد موافقة وزارة الداخلية.',
].join('\n');
const DATE = 'الثلاثاء 16 شباط 2026';
const MONEY = '18 مليون دولار';
const PERCENT = '22%';

/** What the editor records through the page. */
const VERDICT_NOTE = 'Matches the council minutes and the tourism office figures for 2025.';
const EVIDENCE_URL = 'https://example.org/tripoli-council/2026-02-16-minutes';
const DISMISS_REASON = 'The session was on Tuesday 17 February; the reporter confirmed the vote date with the council.';
/** What the reporter tries to type once the draft is approved. */
const TYPED_WHEN_LOCKED = ' وأضاف';

/** The page's words each of them reads it in: the reporter's interface is Arabic, the editor's English. */
interface Words {
  signIn: SignInLabels;
  body: string;
  headline: string;
  inReview: string;
  approved: string;
  published: string;
  locked: string;
}
const ENGLISH: Words = {
  signIn: { email: 'Email', password: 'Password', submit: 'Sign in' },
  body: 'Body',
  headline: 'Headline',
  inReview: 'In review',
  approved: 'Approved',
  published: 'Published',
  locked: 'Locked: the draft is approved, so its text cannot change until an editor reopens it or asks for changes.',
};
const ARABIC: Words = {
  signIn: { email: 'البريد الإلكتروني', password: 'كلمة المرور', submit: 'دخول' },
  body: 'النص',
  headline: 'العنوان',
  inReview: 'قيد المراجعة',
  approved: 'موافق عليها',
  published: 'منشورة',
  locked: 'مقفلة: تمت الموافقة على المسودة، فلا يتغير نصها حتى يعيد محرر فتحها أو يطلب تعديلات.',
};

interface Person {
  who: 'reporter' | 'editor';
  user: TestUser;
  words: Words;
  page: Page;
  errors: string[];
}

describeWithBrowser(
  'an editor takes a submitted Arabic draft through the publish gate to version 1 in Chromium',
  () => {
    const browser = useBrowser();
    let server: TestServer;
    let reporter: TestUser;
    let checker: TestUser;
    let editor: TestUser;
    let draftId: string;
    beforeAll(async () => {
      server = await startTestServer({ redis: true, env: { CLAIMS_SETTLE_MS: '50', CLAIMS_MAX_WAIT_MS: '200' } });
      const desk = await createDesk(server.app);
      reporter = await createUser(server.app, server.url, 'reporter', [desk.id], 'هبة المصري');
      checker = await createUser(server.app, server.url, 'fact_checker', [desk.id], 'وسيم عيتاني');
      editor = await createUser(server.app, server.url, 'editor', [desk.id], 'Nadine Khoury');
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
    const headlineOf = (person: Person) => person.page.locator(`.cm-content[aria-label="${person.words.headline}"]`);
    const badgeOf = (person: Person, state: string) =>
      person.page.locator('.review-bar #review-state.review-badge', { hasText: state });
    const action = (person: Person, name: string) =>
      person.page.locator(`.review-actions button[data-action="${name}"]`);
    const card = (person: Person, claimId: string) =>
      person.page.locator(`.claims-region li.claim-card[data-claim-id="${claimId}"]`);
    const waitFor = (locator: Locator) => locator.waitFor({ state: 'visible' });

    const claimsNow = async (): Promise<DraftClaim[]> =>
      (
        await request(server.url)
          .get(`/api/drafts/${draftId}/claims`)
          .set(...bearer(checker))
          .expect(200)
      ).body;

    it('the gate lists the blockers and jumps to a claim; once cleared, approval locks the reporter out and publishing shows version 1', async () => {
      const people: Person[] = [];
      let errorsChecked = false;
      try {
        const r = await open('reporter', reporter, ARABIC, 'ar');
        const e = await open('editor', editor, ENGLISH, 'en-GB');
        people.push(r, e);
        // The editor's first Approve is refused by the gate (409): Chromium logs that answer as an error.
        watchPageErrors(e.page, { expectStatuses: [409] });

        const claims = await pollUntil(
          'the extractor to find the date, the money and the percentage',
          claimsNow,
          (found) => found.length === 3,
        );
        const byText = (text: string) => {
          const claim = claims.find((item) => item.text === text);
          if (!claim) throw new Error(`No claim reads ${text}: ${JSON.stringify(claims.map((item) => item.text))}`);
          return claim;
        };
        expect(claims.map((claim) => claim.text).sort()).toEqual([DATE, MONEY, PERCENT].sort());
        const [date, percentage] = [byText(DATE), byText(PERCENT)];
        expect(date.findings).toEqual([expect.objectContaining({ kind: 'weekday_mismatch', dismissed: null })]);

        // 1. Both sign in through the page and open the draft; the reporter submits it from the review bar.
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
          for (const claim of claims) await waitFor(bodyOf(person).locator(`.cm-claim[data-claim-id="${claim.id}"]`));
        }
        await r.page.getByRole('button', { name: 'إرسال للمراجعة', exact: true }).click();
        for (const person of people) await waitFor(badgeOf(person, person.words.inReview));
        await waitFor(action(e, 'approve'));
        for (const person of people) await shoot(person, '1-submitted');

        // 2. The editor approves: the gate refuses and lists every blocker, claims first, then the finding.
        await action(e, 'approve').click();
        const alert = e.page.locator('.review-bar .review-alert[role="alert"]');
        await waitFor(
          alert.locator('.review-alert-title', { hasText: 'The publish gate held the draft. Fix these first:' }),
        );
        const blockers = alert.locator('ul.review-blockers > li');
        expect(await blockers.count()).toBe(4);
        const claimBlocker = (text: string, kind = 'claim_unchecked') =>
          alert.locator(`li.review-blocker-${kind}`).filter({
            has: e.page.locator('.review-claim-text', { hasText: text }),
          });
        const why = async (text: string, kind?: string) =>
          (await claimBlocker(text, kind).locator('.review-claim-why').textContent()) ?? '';
        expect(await why(DATE)).toBe('Claim, a date: not checked yet');
        expect(await why(MONEY)).toBe('Claim, a sum of money: not checked yet');
        expect(await why(PERCENT)).toBe('Claim, a percentage: not checked yet');
        expect(await why(DATE, 'finding_unresolved')).toBe('Finding not resolved: the weekday does not match the date');
        expect(await alert.locator('li.review-blocker.resolved').count()).toBe(0);
        // Still in review: nothing moved.
        await waitFor(badgeOf(e, e.words.inReview));
        for (const person of people) await shoot(person, '2-gate-blockers');

        // 3. A click on the percentage's blocker jumps to the claim: its card opens and takes the
        // focus, and its span is selected in the body.
        await claimBlocker(PERCENT).getByRole('button').click();
        const percentageCard = card(e, percentage.id);
        await waitFor(percentageCard.locator('button.claim-toggle[aria-expanded="true"]'));
        await waitFor(percentageCard.locator('button.claim-toggle:focus'));
        expect(await selectedText(e.page)).toBe(PERCENT);
        for (const person of people) await shoot(person, '3-jumped-to-claim');

        // 4. The editor verifies that claim through its card, and sets the date's finding aside.
        const form = percentageCard.locator('form.claim-verdict-form');
        await form.getByLabel('Verdict', { exact: true }).selectOption({ label: 'Verified' });
        await form.getByLabel('Note', { exact: true }).fill(VERDICT_NOTE);
        await form.getByLabel('Link 1', { exact: true }).fill(EVIDENCE_URL);
        await form.getByRole('button', { name: 'Record verdict', exact: true }).click();
        await percentageCard.locator('.claim-done[role="status"]', { hasText: 'Verdict recorded.' }).waitFor();
        await waitFor(claimBlocker(PERCENT).locator('.review-resolved', { hasText: 'resolved' }));

        await claimBlocker(DATE, 'finding_unresolved').getByRole('button').click();
        const dateCard = card(e, date.id);
        await waitFor(dateCard.locator('button.claim-toggle[aria-expanded="true"]'));
        const finding = dateCard.locator('li.claim-finding', { hasText: 'Weekday does not match the date' });
        await finding.getByRole('button', { name: 'Set aside…', exact: true }).click();
        await finding.getByLabel('Why is this not a problem?', { exact: true }).fill(DISMISS_REASON);
        await finding.getByRole('button', { name: 'Set aside', exact: true }).click();
        await waitFor(finding.locator('.claim-dismissed', { hasText: DISMISS_REASON }));
        await waitFor(dateCard.locator('.claim-done[role="status"]', { hasText: 'Finding set aside.' }));
        await waitFor(claimBlocker(DATE, 'finding_unresolved').locator('.review-resolved'));

        // The fact-checker verifies the other two over REST (the page hears it through the session).
        await verifyAll(server.url, checker, draftId, 3);
        await waitFor(
          alert.locator('.review-resolved-note', { hasText: 'Everything listed is resolved now. Try again.' }),
        );
        expect(await alert.locator('li.review-blocker.resolved').count()).toBe(4);
        for (const claim of claims) {
          await waitFor(bodyOf(e).locator(`.cm-claim[data-claim-id="${claim.id}"].cm-claim-verified`));
        }
        for (const person of people) await shoot(person, '4-blockers-cleared');

        // 5. The editor approves. The reporter's editors turn read-only at once, with the locked banner.
        await action(e, 'approve').click();
        await waitFor(badgeOf(e, e.words.approved));
        await waitFor(e.page.locator('.review-live[role="status"]', { hasText: 'Done. The draft is now “Approved”.' }));
        expect(await alert.isHidden()).toBe(true);
        await waitFor(badgeOf(r, r.words.approved));
        await waitFor(r.page.locator(`.cm-content[aria-label="${r.words.body}"][aria-readonly="true"]`));
        await waitFor(r.page.locator(`.cm-content[aria-label="${r.words.headline}"][aria-readonly="true"]`));
        const banner = r.page.locator('.editor-banner.editor-banner-locked[role="status"]');
        await waitFor(banner);
        expect(await banner.textContent()).toBe(r.words.locked);
        const described = await bodyOf(r).getAttribute('aria-describedby');
        expect(described?.split(' ')).toContain(await banner.getAttribute('id'));
        await waitFor(r.page.locator('.review-bar .review-lock[role="note"]:not([hidden]) .review-lock-title'));
        // Who approved it, by the name the server sends with the review log.
        await waitFor(
          r.page.locator('.review-bar .review-lock p', { hasText: `الموافقة: \u2068${editor.displayName}\u2069` }),
        );
        // Typing changes nothing, in the body or the headline.
        await bodyOf(r).click();
        await r.page.keyboard.press('Control+End');
        await r.page.keyboard.type(TYPED_WHEN_LOCKED);
        await headlineOf(r).click();
        await r.page.keyboard.type(TYPED_WHEN_LOCKED);
        expect(await editorText(bodyOf(r))).toBe(BODY);
        expect(await editorText(headlineOf(r))).toBe(HEADLINE);
        for (const person of people) await shoot(person, '5-approved');

        // 6. The editor publishes: version 1, as published (a sandboxed frame) and as its ninjs item.
        await action(e, 'publish').click();
        const publishForm = e.page.locator('form#review-form');
        await waitFor(publishForm);
        await publishForm.getByRole('button', { name: 'Publish now', exact: true }).click();
        await waitFor(badgeOf(e, e.words.published));
        await waitFor(e.page.locator('.review-live[role="status"]', { hasText: 'Done. Version 1 is out.' }));
        const panel = e.page.locator('.publications-region');
        const version = panel.locator('.publications-list button.publication-item[data-version="1"]');
        await waitFor(version);
        expect(await version.locator('.publication-version').textContent()).toBe('Version 1');
        expect(await version.locator('.publication-event').textContent()).toBe('first release');
        expect(await version.locator('.publication-status').textContent()).toBe('usable');
        expect(await panel.locator('.publications-list button.publication-item').count()).toBe(1);

        const frame = panel.locator('iframe.publication-frame');
        await waitFor(frame);
        expect(await frame.getAttribute('sandbox')).toBe('');
        const rendered = panel.frameLocator('iframe.publication-frame');
        await waitFor(rendered.locator('h1', { hasText: HEADLINE }));
        expect(await rendered.locator('div[dir="rtl"][lang="ar"] > p').allTextContents()).toEqual([
          BODY.split('\n')[0],
          BODY.split('\n')[2],
        ]);

        const pre = panel.locator('details.publication-ninjs pre');
        await waitFor(pre);
        const shown = (await pre.textContent()) ?? '';
        expect(shown).toContain('"version": "1"');
        expect(shown).toContain('"pubStatus": "usable"');
        expect(shown).toContain(HEADLINE);
        const item = JSON.parse(shown) as Record<string, unknown>;
        expectValidNinjs(item);
        expect(item).toMatchObject({
          uri: `urn:copydesk:story:${draftId}`,
          version: '1',
          pubStatus: 'usable',
          language: 'ar',
          headlines: [{ role: 'main', value: HEADLINE }],
          by: reporter.displayName,
        });
        // What the page shows is the item the server released, and it holds the text as approved.
        const [released] = await publicationsOf(server.url, reporter, draftId);
        expect(item).toEqual(released!.ninjs);
        expect(released!.html).not.toContain(TYPED_WHEN_LOCKED.trim());

        // The reporter's page hears the release too, and names who released it.
        await waitFor(badgeOf(r, r.words.published));
        await waitFor(r.page.locator('.publications-list button.publication-item[data-version="1"]'));
        await waitFor(r.page.locator('.publication-meta', { hasText: `بواسطة \u2068${editor.displayName}\u2069` }));
        await waitFor(e.page.locator('.publication-meta', { hasText: 'Released' }).filter({ hasText: 'by you' }));
        await r.page.locator('.publications-region').scrollIntoViewIfNeeded();
        await panel.scrollIntoViewIfNeeded();
        for (const person of people) await shoot(person, '6-published');

        errorsChecked = true;
        for (const person of people) {
          expect({ who: person.who, errors: person.errors }).toEqual({ who: person.who, errors: [] });
        }
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

    it('a scheduled draft shows its embargo and who approved and scheduled it to whoever opens it, until it is reopened', async () => {
      const embargoUntil = new Date(Date.now() + 3 * 3_600_000).toISOString();
      const scheduledId = await createDraft(server.url, reporter, {
        language: 'ar',
        headline: 'افتتاح حديقة عامة قرب الميناء',
        body: 'افتتحت البلدية حديقة عامة قرب الميناء، وقالت إنها ستبقى مفتوحة للزوار طوال أيام الأسبوع.',
      });
      await act(server.url, reporter, scheduledId, 'submit').expect(200);
      await verifyAll(server.url, checker, scheduledId);
      await act(server.url, editor, scheduledId, 'approve').expect(200);
      await act(server.url, editor, scheduledId, 'publish', { embargoUntil }).expect(200);

      const r = await open('reporter', reporter, ARABIC, 'ar');
      let errorsChecked = false;
      try {
        await signInThroughPage(r.page, server.url, reporter.email, reporter.password, {
          hash: `#/drafts/${scheduledId}`,
          labels: ARABIC.signIn,
        });
        const bar = r.page.locator('.review-bar');
        await waitFor(badgeOf(r, 'مجدولة'));
        // The embargo comes with the draft's review status: this page did not schedule it.
        const embargo = bar.locator('.review-embargo');
        await waitFor(embargo.filter({ hasText: 'محظورة النشر حتى' }));
        // As the page formats it (review-time.ts), in the browser's own Intl.
        const when = await r.page.evaluate(
          (iso) =>
            new Intl.DateTimeFormat('ar-SY-u-nu-latn', {
              year: 'numeric',
              month: 'short',
              day: 'numeric',
              hour: '2-digit',
              minute: '2-digit',
              timeZoneName: 'short',
            }).format(new Date(iso)),
          embargoUntil,
        );
        expect(await embargo.textContent()).toBe(`محظورة النشر حتى ${when}.`);
        const named = `\u2068${editor.displayName}\u2069`;
        await waitFor(bar.locator('.review-lock p', { hasText: `الموافقة: ${named}` }));
        await waitFor(bar.locator('.review-lock p', { hasText: `الجدولة: ${named}` }));
        // The revisions name who kept each copy: the reporter is "you", the editor by name.
        const byColumn = r.page.locator('.history-table tbody td:nth-child(4)');
        await pollUntil(
          'the three revisions with their makers',
          () => byColumn.allTextContents(),
          (names) => names.length === 3,
        );
        expect(await byColumn.allTextContents()).toEqual([named, named, 'أنت']);
        await shoot(r, 'embargo-scheduled');

        // The editor reopens it elsewhere: the embargo goes, and the page says who moved it.
        await act(server.url, editor, scheduledId, 'reopen').expect(200);
        await waitFor(badgeOf(r, r.words.inReview));
        await waitFor(bar.locator('.review-live', { hasText: `حالة المسودة الآن «قيد المراجعة» (${named}،` }));
        expect(await embargo.textContent()).toBe('');
        await shoot(r, 'embargo-reopened');
        errorsChecked = true;
        expect(r.errors).toEqual([]);
      } finally {
        if (!errorsChecked && r.errors.length > 0) process.stderr.write(`The page's errors:\n${r.errors.join('\n')}\n`);
        await shoot(r, 'embargo-last').catch(() => undefined);
      }
    }, 60_000);
  },
);
