/**
 * --releases: the stories the bench writes. The body has no figure, date, weekday, ordinal, money
 * or quote, so the server finds no claim in it and nothing holds the publish gate (a test runs the
 * extractor over it); the headline is not looked at for claims.
 */
export const RELEASE_BODY =
  'ناقش أعضاء المجلس البلدي خطة تطوير المرفأ، واستمعوا إلى آراء السكان المؤيدين لها والمعارضين.\n\n' +
  'وقرر المجلس مواصلة النقاش في جلسة لاحقة بعد أن تصله ملاحظات النقابات والتجار.';

export type ReleaseKind = 'now' | 'embargo';

/** Tells the bench's stories apart in the feed: when the run started, which part, which round. */
export function releaseHeadline(startedAt: Date, kind: ReleaseKind, index: number): string {
  const stamp = startedAt.toISOString().slice(0, 19);
  return `copydesk bench --releases ${stamp} ${kind === 'now' ? 'نشر' : 'حظر'} #${index + 1}`;
}
