export * from './claims-extraction.service.js';
export * from './claims.module.js';
