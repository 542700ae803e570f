// release of reviewed drafts: scheduling, publishing, withdrawal
// Uses: #reviews, #claims, #drafts, #auth, #persistence, #domain, #contracts.
export * from './ninjs/index.js';
export * from './publications/index.js';
export * from './webhooks/index.js';
