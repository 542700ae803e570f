/** Injection tokens of values the server builds before Nest starts. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LOGGER = Symbol('LOGGER');
export const REDIS = Symbol('REDIS');
/** A function reading the database pool's use now (null: no pool, the embedded database). */
export const DATABASE_POOL_USAGE = Symbol('DATABASE_POOL_USAGE');
