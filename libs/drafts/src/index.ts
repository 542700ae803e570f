export * from './drafts.module.js';
export * from './drafts.service.js';
export * from './draft-access.service.js';
export * from './draft-cursor.js';
export * from './draft-view.js';
