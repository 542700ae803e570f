export * from './presence-color.js';
export * from './presence-reducer.js';
export * from './presence-timings.js';
