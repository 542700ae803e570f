import { readFileSync } from 'node:fs';

// Jest runs the TypeScript sources as native ESM (see the `test` script), compiled by swc,
// which keeps the decorator metadata NestJS and TypeORM rely on.
const swcOptions = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: 'inline',
};

// The #name aliases of the libs that exist (libs/libraries.json; planned ones have no folder yet).
const libs = JSON.parse(readFileSync(new URL('./libs/libraries.json', import.meta.url), 'utf8'))
  .libraries.filter((lib) => !lib.planned)
  .map((lib) => lib.name);

export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swcOptions] },
  moduleNameMapper: {
    [`^#(${libs.join('|')})$`]: '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Tiers: *.spec.ts (unit), *.db-spec.ts (a real database), test/**/*.e2e-spec.ts (the running apps).
  testMatch: [
    '<rootDir>/{apps,libs,test}/**/*.spec.ts',
    '<rootDir>/{apps,libs,test}/**/*.db-spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  testTimeout: 30000,
};
