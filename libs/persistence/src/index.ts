export * from './entities/index.js';
export * from './database/open-database.js';
export * from './database/run-migrations.js';
export * from './database/data-dir-lock.js';
