export * from './config.types.js';
export * from './load-config.js';
export * from './database-timeouts.js';
export * from './jwt-secret.js';
export type { Env } from './env-reader.js';
