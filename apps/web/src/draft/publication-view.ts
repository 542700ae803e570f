/**
 * How the publications panel shows a released version: its HTML as a document of its own for a
 * sandboxed frame, its text without markup for the text view, its ninjs item as indented JSON, and
 * which review states bring a new version. Pure.
 */
import type { Publication, ReviewState } from '#contracts';

/** A release makes the draft `published` (a publish, a correction's publish, the scheduler) or `withdrawn`. */
export const RELEASING_STATES: readonly ReviewState[] = ['published', 'withdrawn'];

export function bringsNewVersion(state: ReviewState): boolean {
  return RELEASING_STATES.includes(state);
}

/** Newest version first. */
export function newestFirst(publications: readonly Publication[]): Publication[] {
  return [...publications].sort((a, b) => b.version - a.version);
}

/**
 * The version's HTML (every character the reporter typed is escaped by the server; the only markup
 * is Copydesk's own) as a whole document for `iframe.srcdoc`. The frame is sandboxed with no
 * permission, so nothing in it runs even if that ever failed; the styles are inline, which the
 * page's content security policy (style-src 'unsafe-inline'), inherited by the frame, allows.
 */
export function publicationDocument(html: string, language: string): string {
  const css =
    'body{font-family:"Noto Naskh Arabic","Noto Sans Arabic","Segoe UI","Noto Sans","DejaVu Sans",sans-serif;' +
    'line-height:1.7;margin:1rem;color:#1d232b;background:#fff}h1{font-size:1.4rem;line-height:1.4;margin-top:0}';
  const lang = /^[a-z]{2,3}$/i.test(language) ? language : 'und';
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${css}</style></head><body>${html}</body></html>`;
}

/** The ninjs item as indented JSON, for a <pre> (shown as text, never parsed as HTML). */
export function prettyJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}
