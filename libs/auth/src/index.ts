export * from './access-changes.js';
export * from './auth-user.js';
export * from './auth-options.js';
export * from './auth.module.js';
export * from './auth.service.js';
export * from './accounts.service.js';
export * from './token.service.js';
export * from './password-hasher.js';
