/**
 * --web: what the page weighs, from the server's own answers: the scripts and stylesheets `/`
 * names (plus any the browser loaded besides), each fetched and gzipped at level 9, as
 * scripts/build-web.mjs counts them for dist/web/manifest.json.
 */
import { gzipSync } from 'node:zlib';
import type { WebAsset, WebResult } from './bench-result.js';
import { BenchSetupError } from './release-run.js';

export type AssetKind = WebAsset['kind'];

export interface AssetRef {
  url: string;
  kind: AssetKind;
}

/** The scripts (`<script src>`) and stylesheets (`<link rel="stylesheet" href>`) an HTML page names, as absolute URLs. */
export function pageAssets(html: string, pageUrl: string): AssetRef[] {
  const found: AssetRef[] = [];
  const add = (raw: string | undefined, kind: AssetKind) => {
    if (!raw) return;
    const url = new URL(decodeEntities(raw), pageUrl).href;
    if (!found.some((asset) => asset.url === url)) found.push({ url, kind });
  };
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) add(attribute(tag, 'src'), 'script');
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = attribute(tag, 'rel')?.toLowerCase().split(/\s+/) ?? [];
    if (rel.includes('stylesheet')) add(attribute(tag, 'href'), 'stylesheet');
  }
  return found;
}

/** An attribute's value in one start tag (quoted either way, or bare); undefined when absent. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

function decodeEntities(value: string): string {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/**
 * Fetches `/` and every script and stylesheet it names, plus `alsoLoaded` (what the browser
 * fetched besides, such as a chunk loaded later), and weighs them against the budget.
 */
export async function measurePageWeight(
  baseUrl: string,
  budgetKib: number,
  alsoLoaded: readonly AssetRef[] = [],
): Promise<WebResult['weight']> {
  const pageUrl = `${baseUrl}/`;
  const html = await fetchOk(pageUrl).then((response) => response.text());
  const refs = pageAssets(html, pageUrl);
  for (const extra of alsoLoaded) if (!refs.some((ref) => ref.url === extra.url)) refs.push(extra);
  if (!refs.some((ref) => ref.kind === 'script')) {
    throw new BenchSetupError(`${pageUrl} names no script: is this Copydesk's web page (npm run build builds it)?`);
  }
  const assets: WebAsset[] = [];
  for (const ref of refs) {
    const bytes = new Uint8Array(await (await fetchOk(ref.url)).arrayBuffer());
    assets.push({ ...ref, bytes: bytes.byteLength, gzipBytes: gzipSync(bytes, { level: 9 }).byteLength });
  }
  return weigh(assets, budgetKib);
}

/** The sums by kind and against the budget (JavaScript and CSS together). */
export function weigh(assets: WebAsset[], budgetKib: number): WebResult['weight'] {
  const sum = (kind: AssetKind) =>
    assets.filter((asset) => asset.kind === kind).reduce((total, asset) => total + asset.gzipBytes, 0);
  const scriptGzipBytes = sum('script');
  const stylesheetGzipBytes = sum('stylesheet');
  const totalGzipBytes = scriptGzipBytes + stylesheetGzipBytes;
  const budgetBytes = Math.round(budgetKib * 1024);
  return {
    assets,
    scriptGzipBytes,
    stylesheetGzipBytes,
    totalGzipBytes,
    budgetBytes,
    withinBudget: totalGzipBytes <= budgetBytes,
  };
}

async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { accept: url.endsWith('/') ? 'text/html' : '*/*' } });
  if (!response.ok) throw new BenchSetupError(`GET ${url} answered ${response.status} ${response.statusText}`);
  return response;
}
