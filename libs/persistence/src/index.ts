export * from './entities/index.js';
export * from './database/open-database.js';
export * from './database/run-migrations.js';
export * from './database/data-dir-lock.js';
export * from './repositories/users.repository.js';
export * from './repositories/desks.repository.js';
export * from './repositories/drafts.repository.js';
export * from './nest/persistence.module.js';
