export * from './errors/domain-error.js';
export * from './accounts/role.js';
export * from './access/draft-access.js';
export * from './text/search-normalise.js';
export * from './limits/token-bucket.js';
export * from './review/locked-states.js';
export * from './claims/index.js';
export * from './presence/index.js';
