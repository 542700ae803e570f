export { buildNinjsItem } from './build-ninjs-item.js';
export { containerAttributes, escapeHtml, paragraphsOf, renderBodyHtml, renderHeadlineHtml } from './html.js';
export { PUB_STATUSES } from './news-item-input.js';
export type { NewsItemAuthor, NewsItemInput, PubStatus } from './news-item-input.js';
export { NINJS_SCHEMA_URI } from './ninjs-item.js';
export type { NinjsBody, NinjsHeadline, NinjsItem, NinjsPerson, NinjsStandard, NinjsSubject } from './ninjs-item.js';
