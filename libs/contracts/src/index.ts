export * from './error-codes.js';
export * from './api.js';
export * from './collab.js';
