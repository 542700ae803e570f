export * from './error-codes.js';
export * from './api.js';
export * from './document.js';
export * from './collab.js';
export * from './claims.js';
export * from './draft-claims.js';
export * from './revisions.js';
export * from './review.js';
