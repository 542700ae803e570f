export * from './access-recheck.js';
export * from './collab-session.js';
export * from './collab-sessions.service.js';
export * from './connection-counter.js';
export * from './session-edge.js';
export * from './sessions.module.js';
export * from './sessions.options.js';
export * from './expiry-timers.js';
