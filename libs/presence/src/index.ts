export * from './presence.module.js';
export * from './presence.options.js';
export * from './presence.service.js';
export * from './presence-session.js';
export * from './presence-broadcaster.js';
export * from './presence-store.js';
export * from './memory-presence-store.js';
export * from './redis-presence-store.js';
