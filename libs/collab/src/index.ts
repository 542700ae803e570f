export * from './document-schema.js';
export * from './document-store.js';
export * from './document-relay.js';
export * from './document-manager.js';
export * from './group-committer.js';
export * from './live-document.js';
export * from './origins.js';
export * from './update-validation.js';
