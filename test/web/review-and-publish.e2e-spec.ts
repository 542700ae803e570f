import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { expectValidNinjs } from '../../libs/publishing/test/ninjs-schema.js';
import { act, claimsOf, publicationsOf, verifyAll } from '../publishing/release-harness.js';
import { describeWithBrowser, editorText, pollUntil, selectedText } from '../support/browser.js';
import { createDesk, createDraft, createUser, type TestUser } from '../support/factories.js';
import { visible, useNewsroomPage, withKnownText, type Person } from '../support/newsroom-page.js';
import { isolated, type MessageKey } from '../support/page-words.js';
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

describeWithBrowser(
  'an editor takes a submitted Arabic draft through the publish gate to version 1 in Chromium',
  () => {
    const newsroom = useNewsroomPage(SCENARIO);
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

    const viewport = { width: 1280, height: 900 };
    /** The review bar's state badge once it reads the state `key` names, in the person's language. */
    const badgeOf = (person: Person, key: MessageKey) =>
      person.page.locator('.review-bar #review-state.review-badge', { hasText: person.words(key) });
    const action = (person: Person, name: string) =>
      person.page.locator(`.review-actions button[data-action="${name}"]`);
    const card = (person: Person, claimId: string) =>
      person.page.locator(`.claims-region li.claim-card[data-claim-id="${claimId}"]`);

    /** The draft's claims as the server has them now (its REST answer reconciles with the document first). */
    const claimsNow = () => claimsOf(server.url, checker, draftId);

    it('the gate lists the blockers and jumps to a claim; once cleared, approval locks the reporter out and publishing shows version 1', async () => {
      await newsroom.play(server.url, async (scene) => {
        // The reporter's interface is Arabic, the editor's English. The editor's first Approve is
        // refused by the gate (409): Chromium logs that answer as an error.
        const r = await scene.enter({ who: 'reporter', user: reporter, locale: 'ar', context: { viewport } });
        const e = await scene.enter({
          who: 'editor',
          user: editor,
          locale: 'en',
          context: { viewport },
          expectStatuses: [409],
        });
        const people = [r, e];

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
          await person.openDraft(draftId, { body: BODY });
          for (const claim of claims) {
            await visible(person.bodyEditor().locator(`.cm-claim[data-claim-id="${claim.id}"]`));
          }
        }
        await r.page.getByRole('button', { name: r.words('reviewBar.action.submit'), exact: true }).click();
        for (const person of people) await visible(badgeOf(person, 'state.in_review'));
        await visible(action(e, 'approve'));
        await scene.shootAll('1-submitted');

        // 2. The editor approves: the gate refuses and lists every blocker, claims first, then the finding.
        await action(e, 'approve').click();
        const alert = e.page.locator('.review-bar .review-alert[role="alert"]');
        await visible(alert.locator('.review-alert-title', { hasText: e.words('reviewBar.gate') }));
        const blockers = alert.locator('ul.review-blockers > li');
        expect(await blockers.count()).toBe(4);
        const claimBlocker = (text: string, kind = 'claim_unchecked') =>
          alert.locator(`li.review-blocker-${kind}`).filter({
            has: e.page.locator('.review-claim-text', { hasText: text }),
          });
        const why = async (text: string, kind?: string) =>
          (await claimBlocker(text, kind).locator('.review-claim-why').textContent()) ?? '';
        const notChecked = (kind: 'date' | 'money' | 'percentage') =>
          e.words('reviewBar.blocker.claim', {
            kind: e.words(`reviewBar.claimKind.${kind}`),
            reason: e.words('reviewBar.claimReason.unchecked'),
          });
        expect(await why(DATE)).toBe(notChecked('date'));
        expect(await why(MONEY)).toBe(notChecked('money'));
        expect(await why(PERCENT)).toBe(notChecked('percentage'));
        expect(await why(DATE, 'finding_unresolved')).toBe(
          e.words('reviewBar.blocker.finding', { finding: e.words('reviewBar.finding.weekday_mismatch') }),
        );
        expect(await alert.locator('li.review-blocker.resolved').count()).toBe(0);
        // Still in review: nothing moved.
        await visible(badgeOf(e, 'state.in_review'));
        await scene.shootAll('2-gate-blockers');

        // 3. A click on the percentage's blocker jumps to the claim: its card opens and takes the
        // focus, and its span is selected in the body.
        await claimBlocker(PERCENT).getByRole('button').click();
        const percentageCard = card(e, percentage.id);
        await visible(percentageCard.locator('button.claim-toggle[aria-expanded="true"]'));
        await visible(percentageCard.locator('button.claim-toggle:focus'));
        expect(await selectedText(e.page)).toBe(PERCENT);
        await scene.shootAll('3-jumped-to-claim');

        // 4. The editor verifies that claim through its card, and sets the date's finding aside.
        const form = percentageCard.locator('form.claim-verdict-form');
        await form
          .getByLabel(e.words('claims.form.status'), { exact: true })
          .selectOption({ label: e.words('claims.status.verified') });
        await form.getByLabel(e.words('claims.form.note'), { exact: true }).fill(VERDICT_NOTE);
        await form.getByLabel(e.words('claims.form.url', { n: 1 }), { exact: true }).fill(EVIDENCE_URL);
        await form.getByRole('button', { name: e.words('claims.form.submit'), exact: true }).click();
        await percentageCard.locator('.claim-done[role="status"]', { hasText: e.words('claims.form.saved') }).waitFor();
        await visible(
          claimBlocker(PERCENT).locator('.review-resolved', { hasText: e.words('reviewBar.blocker.resolved') }),
        );

        await claimBlocker(DATE, 'finding_unresolved').getByRole('button').click();
        const dateCard = card(e, date.id);
        await visible(dateCard.locator('button.claim-toggle[aria-expanded="true"]'));
        const finding = dateCard.locator('li.claim-finding', {
          hasText: e.words('claims.finding.weekday_mismatch'),
        });
        await finding.getByRole('button', { name: e.words('claims.dismiss.open'), exact: true }).click();
        await finding.getByLabel(e.words('claims.dismiss.reason'), { exact: true }).fill(DISMISS_REASON);
        await finding.getByRole('button', { name: e.words('claims.dismiss.submit'), exact: true }).click();
        await visible(finding.locator('.claim-dismissed', { hasText: DISMISS_REASON }));
        await visible(dateCard.locator('.claim-done[role="status"]', { hasText: e.words('claims.dismiss.done') }));
        await visible(claimBlocker(DATE, 'finding_unresolved').locator('.review-resolved'));

        // The fact-checker verifies the other two over REST (the page hears it through the session).
        await verifyAll(server.url, checker, draftId, 3);
        await visible(alert.locator('.review-resolved-note', { hasText: e.words('reviewBar.gateAllResolved') }));
        expect(await alert.locator('li.review-blocker.resolved').count()).toBe(4);
        for (const claim of claims) {
          await visible(e.bodyEditor().locator(`.cm-claim[data-claim-id="${claim.id}"].cm-claim-verified`));
        }
        await scene.shootAll('4-blockers-cleared');

        // 5. The editor approves. The reporter's editors turn read-only at once, with the locked banner.
        await action(e, 'approve').click();
        await visible(badgeOf(e, 'state.approved'));
        await visible(
          e.page.locator('.review-live[role="status"]', {
            hasText: e.words('reviewBar.done', { state: e.words('state.approved') }),
          }),
        );
        expect(await alert.isHidden()).toBe(true);
        await visible(badgeOf(r, 'state.approved'));
        await visible(r.page.locator(`.cm-content[aria-label="${r.words('draft.body')}"][aria-readonly="true"]`));
        await visible(r.page.locator(`.cm-content[aria-label="${r.words('draft.headline')}"][aria-readonly="true"]`));
        const banner = r.page.locator('.editor-banner.editor-banner-locked[role="status"]');
        await visible(banner);
        expect(await banner.textContent()).toBe(r.words('editor.locked.approved'));
        const described = await r.bodyEditor().getAttribute('aria-describedby');
        expect(described?.split(' ')).toContain(await banner.getAttribute('id'));
        await visible(r.page.locator('.review-bar .review-lock[role="note"]:not([hidden]) .review-lock-title'));
        // Who approved it, by the name the server sends with the review log.
        await visible(
          withKnownText(
            r.page.locator('.review-bar .review-lock p'),
            r.words('reviewBar.approvedBy', { who: isolated(editor.displayName) }),
          ),
        );
        // Typing changes nothing, in the body or the headline.
        await r.typeInBody('end', TYPED_WHEN_LOCKED);
        await r.headlineEditor().click();
        await r.page.keyboard.type(TYPED_WHEN_LOCKED);
        expect(await r.bodyText()).toBe(BODY);
        expect(await editorText(r.headlineEditor())).toBe(HEADLINE);
        await scene.shootAll('5-approved');

        // 6. The editor publishes: version 1, as published (a sandboxed frame) and as its ninjs item.
        await action(e, 'publish').click();
        const publishForm = e.page.locator('form#review-form');
        await visible(publishForm);
        await publishForm.getByRole('button', { name: e.words('reviewBar.confirm.publish'), exact: true }).click();
        await visible(badgeOf(e, 'state.published'));
        await visible(
          e.page.locator('.review-live[role="status"]', {
            hasText: e.words('reviewBar.doneReleased', { version: 1 }),
          }),
        );
        const panel = e.page.locator('.publications-region');
        const version = panel.locator('.publications-list button.publication-item[data-version="1"]');
        await visible(version);
        expect(await version.locator('.publication-version').textContent()).toBe(
          e.words('publicationsPanel.version', { version: 1 }),
        );
        expect(await version.locator('.publication-event').textContent()).toBe(
          e.words('publicationsPanel.event.published'),
        );
        expect(await version.locator('.publication-status').textContent()).toBe(
          e.words('publicationsPanel.pubStatus.usable'),
        );
        expect(await panel.locator('.publications-list button.publication-item').count()).toBe(1);

        const frame = panel.locator('iframe.publication-frame');
        await visible(frame);
        expect(await frame.getAttribute('sandbox')).toBe('');
        const rendered = panel.frameLocator('iframe.publication-frame');
        await visible(rendered.locator('h1', { hasText: HEADLINE }));
        expect(await rendered.locator('div[dir="rtl"][lang="ar"] > p').allTextContents()).toEqual([
          BODY.split('\n')[0],
          BODY.split('\n')[2],
        ]);

        const pre = panel.locator('details.publication-ninjs pre');
        await visible(pre);
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
        await visible(badgeOf(r, 'state.published'));
        await visible(r.page.locator('.publications-list button.publication-item[data-version="1"]'));
        await visible(
          withKnownText(
            r.page.locator('.publication-meta'),
            r.words('publicationsPanel.released', { who: isolated(editor.displayName) }),
          ),
        );
        await visible(
          withKnownText(
            e.page.locator('.publication-meta'),
            e.words('publicationsPanel.released', { who: e.words('reviewBar.person.me') }),
          ),
        );
        await r.page.locator('.publications-region').scrollIntoViewIfNeeded();
        await panel.scrollIntoViewIfNeeded();
        await scene.shootAll('6-published');

        scene.expectNoPageErrors();
      });
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

      await newsroom.play(
        server.url,
        async (scene) => {
          const r = await scene.enter({ who: 'reporter', user: reporter, locale: 'ar', context: { viewport } });
          await r.openDraft(scheduledId);
          const bar = r.page.locator('.review-bar');
          await visible(badgeOf(r, 'state.scheduled'));
          // The embargo comes with the draft's review status: this page did not schedule it.
          const embargo = bar.locator('.review-embargo');
          await visible(withKnownText(embargo, r.words('reviewBar.embargoUntil')));
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
          expect(await embargo.textContent()).toBe(r.words('reviewBar.embargoUntil', { when }));
          const named = isolated(editor.displayName);
          const lockLines = bar.locator('.review-lock p');
          await visible(withKnownText(lockLines, r.words('reviewBar.approvedBy', { who: named })));
          await visible(withKnownText(lockLines, r.words('reviewBar.scheduledBy', { who: named })));
          // The revisions name who kept each copy: the reporter is "you", the editor by name.
          const byColumn = r.page.locator('.history-table tbody td:nth-child(4)');
          await pollUntil(
            'the three revisions with their makers',
            () => byColumn.allTextContents(),
            (names) => names.length === 3,
          );
          expect(await byColumn.allTextContents()).toEqual([named, named, r.words('reviewBar.person.me')]);
          await scene.shootAll('embargo-scheduled');

          // The editor reopens it elsewhere: the embargo goes, and the page says who moved it.
          await act(server.url, editor, scheduledId, 'reopen').expect(200);
          await visible(badgeOf(r, 'state.in_review'));
          await visible(
            withKnownText(
              bar.locator('.review-live'),
              r.words('reviewBar.changedBy', { state: r.words('state.in_review'), who: named }),
            ),
          );
          expect(await embargo.textContent()).toBe('');
          await scene.shootAll('embargo-reopened');
          scene.expectNoPageErrors();
        },
        'embargo',
      );
    }, 60_000);
  },
);
