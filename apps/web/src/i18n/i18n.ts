import { MESSAGES, type Locale, type MessageKey } from './messages.js';

const STORAGE_KEY = 'copydesk.locale';
const listeners = new Set<() => void>();
let current: Locale = initialLocale();

function initialLocale(): Locale {
  const saved = localStorage.getItem(STORAGE_KEY);
  if (saved === 'ar' || saved === 'en') return saved;
  return navigator.language.toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

export function locale(): Locale {
  return current;
}

/** The interface's text for `key`, with `{name}` placeholders filled. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = MESSAGES[current][key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Switches the interface language; the whole layout mirrors with `dir`. Parts re-render on the change. */
export function setLocale(next: Locale): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyToDocument();
  for (const listener of listeners) listener();
}

export function onLocaleChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function applyToDocument(): void {
  document.documentElement.lang = current;
  document.documentElement.dir = current === 'ar' ? 'rtl' : 'ltr';
  document.title = t('app.name');
}

/** Dates and times as the interface language writes them (Arabic month names, Latin digits as the newsroom writes them). */
export function formatTime(iso: string): string {
  return new Intl.DateTimeFormat(current === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}
