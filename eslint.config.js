// Lint rules, including the dependency rules of the architecture (docs/architecture.md).
//
// Direction: apps -> context libs -> collab / persistence -> domain / contracts, and among the
// context libs publishing -> reviews -> claims -> drafts -> collab (sessions and presence sit on
// drafts). Which lib may import which is not written here: libs/libraries.json lists each lib's
// `uses`, and the rules below are generated from it. Written here are the rules that hold whatever
// the manifest says: libs/domain is pure, contracts imports nothing, config reads the environment
// and depends on nothing, collab is framework-free and database-free, the client SDK depends only
// on #contracts, yjs and socket.io-client, only config code reads process.env, no lib is imported
// by path, apps/server wires persistence and collab only in its composition files, and the rooms
// of libs/domain point one way: review -> fact-check -> claims.
import { readFileSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const MANIFEST = JSON.parse(readFileSync(new URL('./libs/libraries.json', import.meta.url), 'utf8'));
const LIBS = MANIFEST.libraries;

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'socket.io', 'socket.io-client', 'yjs', 'pg', 'ioredis', 'pino', 'express'];
const CROSS_LIB_RELATIVE = {
  regex: '^(\\.\\./)+([a-z-]+/src/|apps/|libs/)',
  message: 'Import another lib through its # alias, never by path.',
};
const TEST_FILES = ['**/*.spec.ts', '**/*.db-spec.ts', '**/*.e2e-spec.ts'];
const RULE = '@typescript-eslint/no-restricted-imports';

// (`#` starts a comment in gitignore-style `group` patterns, so aliases are matched by regex.)
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyAliasBut = (allowed) => (allowed.length === 0 ? '^#' : `^#(?!(${allowed.map(escape).join('|')})$)`);
const aliases = (names) => `^#(${names.map(escape).join('|')})$`;

/**
 * Rules that hold for a lib whatever its `uses` say. Which libs contracts, config, domain and client
 * may use is pinned by test/house/libraries.spec.ts, so the manifest cannot widen it either.
 */
const EXTRA = {
  domain: {
    patterns: [{ group: [...FRAMEWORKS, 'node:*'], message: 'libs/domain is pure: no frameworks, no I/O.' }],
  },
  contracts: {
    patterns: [
      {
        group: [...FRAMEWORKS, 'node:*'],
        message: 'libs/contracts holds plain types shared with clients: it imports nothing.',
      },
    ],
  },
  config: {
    patterns: [{ group: FRAMEWORKS, message: 'libs/config reads the environment and depends on nothing else.' }],
  },
  collab: {
    patterns: [
      { group: ['@nestjs/*', 'express'], message: 'libs/collab is framework-free.' },
      {
        regex: aliases(['persistence', 'config']),
        message: 'libs/collab reaches storage and settings only through the interfaces it declares.',
      },
    ],
  },
  client: {
    patterns: [
      {
        // Any package but yjs and socket.io-client (its libs: the manifest, #contracts only).
        regex: '^(?![./#]|(yjs|socket\\.io-client)(/|$))',
        message: 'The client SDK depends only on #contracts, yjs and socket.io-client.',
      },
    ],
  },
};
/** Libs free of NestJS: type-only imports stay enforced there. */
const FRAMEWORK_FREE = ['domain', 'contracts', 'config', 'client'];

/** What a lib's own code may import: the libs it `uses` (libs/libraries.json), and the fixed rules above. */
function libPatterns(lib) {
  const allowed = lib.uses.length ? lib.uses.map((name) => `#${name}`).join(', ') : 'no other lib';
  return [
    ...(EXTRA[lib.name]?.patterns ?? []),
    {
      regex: anyAliasBut(lib.uses),
      message: `libs/${lib.name} may import ${allowed} (its "uses" in libs/libraries.json).`,
    },
    CROSS_LIB_RELATIVE,
  ];
}

const restrict = (patterns) => ({ [RULE]: ['error', { patterns }] });

// Rooms of libs/domain, by relative path: review -> fact-check -> claims (the extractor).
const DOMAIN = LIBS.find((lib) => lib.name === 'domain');
const NOT_THE_BARREL = {
  regex: '^(\\.\\./)+index(\\.js)?$',
  message: 'A room of libs/domain imports the files it needs, not the barrel (it re-exports every room).',
};
const ROOMS = [
  {
    files: ['libs/domain/src/claims/**/*.ts'],
    patterns: [
      {
        regex: '(^|/)(fact-check|review)(/|$)',
        message: 'The claims extractor imports neither fact-check nor review (review -> fact-check -> claims).',
      },
      NOT_THE_BARREL,
    ],
  },
  {
    files: ['libs/domain/src/fact-check/**/*.ts'],
    patterns: [
      { regex: '(^|/)review(/|$)', message: 'fact-check does not import review (review -> fact-check -> claims).' },
      NOT_THE_BARREL,
    ],
  },
  { files: ['libs/domain/src/review/**/*.ts'], patterns: [NOT_THE_BARREL] },
];

// apps/server: only the composition files build persistence and collab objects; the rest of the app
// receives them and may name their types.
const SERVER_COMPOSITION = ['apps/server/src/{main,create-app,app.module}.ts', 'apps/server/src/composition/**'];

export default tseslint.config(
  { ignores: ['.scratch/**', 'dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'docker/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through #config (loadConfig), not process.env.',
        },
      ],
      ...restrict([CROSS_LIB_RELATIVE]),
    },
  },
  {
    // NestJS reads constructor parameter types at run time: a type-only import would erase them.
    files: [
      'apps/**/*.ts',
      ...LIBS.filter((lib) => !FRAMEWORK_FREE.includes(lib.name)).map((lib) => `libs/${lib.name}/**/*.ts`),
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  // One block per lib, generated from libs/libraries.json: a lib's own code (not its tests).
  ...LIBS.map((lib) => ({
    files: [`libs/${lib.name}/src/**/*.ts`],
    ignores: TEST_FILES,
    rules: restrict(libPatterns(lib)),
  })),
  // The rooms of libs/domain keep the rules of libs/domain and add their own.
  ...ROOMS.map((room) => ({
    files: room.files,
    ignores: TEST_FILES,
    rules: restrict([...libPatterns(DOMAIN), ...room.patterns]),
  })),
  {
    // A lib's tests are not part of its dependency graph (nothing imports them) and may build a test
    // bed (a database for collab, a Redis for presence); they still import other libs by alias only.
    files: ['libs/*/test/**/*.ts', ...TEST_FILES.map((glob) => `libs/${glob}`)],
    rules: restrict([CROSS_LIB_RELATIVE]),
  },
  {
    files: ['apps/server/src/**/*.ts'],
    ignores: [...SERVER_COMPOSITION, ...TEST_FILES],
    rules: restrict([
      CROSS_LIB_RELATIVE,
      {
        regex: aliases(['persistence', 'collab']),
        allowTypeImports: true,
        message:
          'apps/server uses #persistence and #collab as types only; build their objects in the composition files (main.ts, create-app.ts, app.module.ts, composition/).',
      },
      {
        group: ['typeorm', 'typeorm/*', 'pg', 'pg/*', '@electric-sql/*'],
        message:
          'The database is wired in the composition files of apps/server (main.ts, create-app.ts, app.module.ts, composition/).',
      },
    ]),
  },
  {
    // The web page runs in browsers and talks to the server only through the SDK.
    files: ['apps/web/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      ...restrict([
        CROSS_LIB_RELATIVE,
        {
          regex: anyAliasBut(['client', 'contracts']),
          message: 'The web page uses #client (the SDK) and #contracts, no server lib.',
        },
        { group: ['node:*', '@nestjs/*', 'express'], message: 'The web page runs in browsers.' },
      ]),
    },
  },
  {
    // Entry points and test/bench harnesses may read the environment directly.
    files: [
      'apps/*/src/main.ts',
      'apps/cli/src/cli-context.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      '**/*.spec.ts',
      '**/*.db-spec.ts',
      'jest.config.js',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Test harnesses start the real apps.
    files: ['test/**/*.ts'],
    rules: { [RULE]: 'off' },
  },
);
