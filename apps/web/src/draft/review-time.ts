/**
 * Instants as the review parts show and take them: an embargo is a moment, so it is shown with
 * its time zone, and the `datetime-local` control's value (the browser's local time) is turned into
 * the ISO 8601 instant the server takes. Pure apart from the time zone of the runtime.
 */

/** An ISO instant in the interface language, with the time zone when `zone` (Latin digits in Arabic too). */
export function formatInstant(iso: string, language: 'ar' | 'en', zone = false): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // dateStyle and timeStyle do not take a time zone name: the parts are named instead.
  const options: Intl.DateTimeFormatOptions = zone
    ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }
    : { dateStyle: 'medium', timeStyle: 'short' };
  return new Intl.DateTimeFormat(language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB', options).format(date);
}

/** A `datetime-local` value (`2026-03-01T09:30`, local time) as an ISO instant; null when empty or invalid. */
export function instantOfLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value)) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A date as a `datetime-local` value in local time, to the minute (the control's `min`). */
export function localInputValueOf(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}`
  );
}
