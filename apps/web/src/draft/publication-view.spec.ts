import { describe, expect, it } from '@jest/globals';
import type { Publication } from '#contracts';
import { bringsNewVersion, newestFirst, prettyJson, publicationDocument } from './publication-view.js';

describe('showing released versions', () => {
  it('reads the list again when a version went out: published or withdrawn', () => {
    expect(bringsNewVersion('published')).toBe(true);
    expect(bringsNewVersion('withdrawn')).toBe(true);
    expect(bringsNewVersion('scheduled')).toBe(false);
    expect(bringsNewVersion('in_review')).toBe(false);
  });

  it('lists the newest version first', () => {
    const versions = [1, 3, 2].map((version) => ({ version }) as Publication);
    expect(newestFirst(versions).map((item) => item.version)).toEqual([3, 2, 1]);
    expect(versions.map((item) => item.version)).toEqual([1, 3, 2]);
  });

  it('wraps the HTML in a document of its own, in the story’s language', () => {
    const html = '<h1 dir="rtl" lang="ar">عنوان &lt;b&gt;</h1>';
    const document = publicationDocument(html, 'ar');
    expect(document).toMatch(/^<!doctype html><html lang="ar">/);
    expect(document).toContain('<meta charset="utf-8">');
    expect(document).toContain(`<body>${html}</body>`);
    expect(publicationDocument('', '"><script>')).toContain('<html lang="und">');
  });

  it('indents the ninjs item as JSON text', () => {
    expect(prettyJson({ uri: 'urn:x', headlines: [{ value: 'عنوان' }] })).toBe(
      '{\n  "uri": "urn:x",\n  "headlines": [\n    {\n      "value": "عنوان"\n    }\n  ]\n}',
    );
  });
});
