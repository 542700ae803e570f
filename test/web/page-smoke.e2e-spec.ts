import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Response } from 'playwright-core';
import { describeWithBrowser, saveScreenshot, watchPageErrors } from '../support/browser.js';
import { useNewsroomPage } from '../support/newsroom-page.js';
import { words } from '../support/page-words.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

describeWithBrowser('the web page in Chromium (docs/web.md)', () => {
  const newsroom = useNewsroomPage('page-smoke');
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('loads without errors, caches its hashed assets for a year and shows a labelled sign-in form', async () => {
    const page = await newsroom.newPage('en');
    const errors = watchPageErrors(page);
    const assets: Response[] = [];
    page.on('response', (response) => {
      if (new URL(response.url()).pathname.startsWith('/assets/')) assets.push(response);
    });
    let errorsChecked = false;
    try {
      const document = await page.goto(`${server.url}/`, { waitUntil: 'load' });
      expect(document?.status()).toBe(200);
      expect(document?.headers()['content-type']).toMatch(/^text\/html/);
      // The page itself is looked at again every time, so a release shows at once.
      expect(document?.headers()['cache-control']).toContain('no-cache');

      const html = page.locator('html');
      expect(await html.getAttribute('lang')).toMatch(/^[a-z]{2,3}(-[A-Za-z0-9]+)*$/);
      expect(['ltr', 'rtl']).toContain(await html.getAttribute('dir'));

      // The sign-in form, found the way a screen reader user finds it: by its labels.
      const email = page.getByLabel(words.en('signIn.email'), { exact: true });
      const password = page.getByLabel(words.en('signIn.password'), { exact: true });
      await email.waitFor({ state: 'visible' });
      await password.waitFor({ state: 'visible' });
      expect(await password.getAttribute('type')).toBe('password');
      await email.fill('reporter@example.com');
      expect(await email.inputValue()).toBe('reporter@example.com');
      expect(await password.isEditable()).toBe(true);

      // Its script and stylesheet have content-hashed names, so browsers may keep them for a year.
      expect(assets.map((asset) => asset.request().resourceType())).toEqual(
        expect.arrayContaining(['script', 'stylesheet']),
      );
      for (const asset of assets) {
        const answer = { url: asset.url(), status: asset.status(), cacheControl: asset.headers()['cache-control'] };
        expect(answer).toEqual({ ...answer, status: 200, cacheControl: expect.stringContaining('immutable') });
        expect(answer).toEqual({ ...answer, cacheControl: expect.stringContaining('max-age=31536000') });
      }
      errorsChecked = true;
      expect(errors).toEqual([]);
    } finally {
      // What went wrong in the page when a step above failed first, and what it looked like, failed or not.
      if (!errorsChecked && errors.length > 0) process.stderr.write(`The page's errors:\n${errors.join('\n')}\n`);
      await saveScreenshot(page, 'page-smoke', 'sign-in').catch(() => undefined);
    }
  });
});
