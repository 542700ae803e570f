import { describe, expect, it } from '@jest/globals';
import { pageAssets, weigh } from './page-weight.js';

describe('pageAssets', () => {
  it("finds the page's hashed script and stylesheet, as build-web.mjs writes them", () => {
    const html =
      '<head><link rel="icon" href="data:,">\n    <link rel="stylesheet" href="/assets/styles-CEMYOOUY.css" ' +
      'integrity="sha384-x"> <script type="module" src="/assets/app-3K24HO2V.js" integrity="sha384-y"></script></head>';
    expect(pageAssets(html, 'http://127.0.0.1:3000/')).toEqual([
      { url: 'http://127.0.0.1:3000/assets/app-3K24HO2V.js', kind: 'script' },
      { url: 'http://127.0.0.1:3000/assets/styles-CEMYOOUY.css', kind: 'stylesheet' },
    ]);
  });

  it('reads attributes in any order and quoting, skips inline scripts and names each asset once', () => {
    const html =
      "<script>var inline = 1;</script><SCRIPT SRC='a.js?v=1&amp;x=2'></SCRIPT><script src=/b.js defer></script>" +
      '<link href="/c.css" rel="preload stylesheet"><link href="/c.css" rel=stylesheet><link rel="preload" href="/d.js">' +
      '<script src="https://cdn.example/e.js"></script>';
    expect(pageAssets(html, 'http://localhost:3000/')).toEqual([
      { url: 'http://localhost:3000/a.js?v=1&x=2', kind: 'script' },
      { url: 'http://localhost:3000/b.js', kind: 'script' },
      { url: 'https://cdn.example/e.js', kind: 'script' },
      { url: 'http://localhost:3000/c.css', kind: 'stylesheet' },
    ]);
  });
});

describe('weigh', () => {
  const asset = (kind: 'script' | 'stylesheet', gzipBytes: number) => ({
    url: `/${gzipBytes}`,
    kind,
    bytes: 0,
    gzipBytes,
  });

  it('adds JavaScript and CSS together against the budget, which they may reach but not pass', () => {
    const within = weigh([asset('script', 300 * 1024 - 100), asset('stylesheet', 100)], 300);
    expect(within).toMatchObject({
      scriptGzipBytes: 300 * 1024 - 100,
      stylesheetGzipBytes: 100,
      totalGzipBytes: 300 * 1024,
      budgetBytes: 300 * 1024,
      withinBudget: true,
    });
    expect(weigh([asset('script', 200 * 1024), asset('stylesheet', 100 * 1024 + 1)], 300).withinBudget).toBe(false);
  });
});
