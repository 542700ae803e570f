export * from './review-events.js';
export * from './review-queue.js';
export * from './reviews.module.js';
export * from './reviews.service.js';
export * from './revision-diff.js';
export * from './text-hash.js';
export * from './releases.js';
