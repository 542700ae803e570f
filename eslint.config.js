// Lint rules, including the dependency rules of the architecture (README, How the code is organised):
// dependencies point one way (apps -> context libs -> collab/persistence -> domain/contracts),
// libs/domain stays free of framework code, and only config code reads process.env.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const FRAMEWORKS = ['@nestjs/*', 'typeorm', 'socket.io', 'socket.io-client', 'yjs', 'pg', 'ioredis', 'pino', 'express'];
const CONTEXT_LIBS = ['#auth', '#drafts', '#claims', '#presence'];
const CROSS_LIB_RELATIVE = {
  regex: '^(\\.\\./)+([a-z-]+/src/|apps/|libs/)',
  message: 'Import another lib through its # alias, never by path.',
};

function only(forbidden, message) {
  return {
    'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message }, CROSS_LIB_RELATIVE] }],
  };
}

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
      'no-restricted-imports': ['error', { patterns: [CROSS_LIB_RELATIVE] }],
    },
  },
  {
    // NestJS reads constructor parameter types at run time: a type-only import would erase them.
    files: ['apps/**/*.ts', 'libs/{auth,drafts,claims,presence,persistence,collab}/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: ['libs/domain/**/*.ts'],
    rules: only(
      [...FRAMEWORKS, '#*', '!#contracts', 'node:*'],
      'libs/domain is pure: no frameworks, no I/O, no other libs but #contracts.',
    ),
  },
  {
    files: ['libs/contracts/**/*.ts'],
    rules: only(
      [...FRAMEWORKS, '#*', 'node:*'],
      'libs/contracts holds plain types shared with clients: it imports nothing.',
    ),
  },
  {
    files: ['libs/config/**/*.ts'],
    rules: only([...FRAMEWORKS, '#*'], 'libs/config reads the environment and depends on nothing else.'),
  },
  {
    files: ['libs/collab/**/*.ts'],
    rules: only(
      ['@nestjs/*', 'express', ...CONTEXT_LIBS, '#client'],
      'libs/collab is framework-free and sits below the context libs.',
    ),
  },
  {
    files: ['libs/persistence/**/*.ts'],
    rules: only([...CONTEXT_LIBS, '#collab', '#client'], 'libs/persistence sits below the context libs and collab.'),
  },
  {
    files: ['libs/auth/**/*.ts'],
    rules: only(['#drafts', '#claims', '#presence', '#client'], 'libs/auth depends on no other context.'),
  },
  {
    files: ['libs/{drafts,claims}/**/*.ts'],
    rules: only(['#presence', '#client'], 'Context libs never import the client SDK; presence sits above drafts.'),
  },
  {
    files: ['libs/presence/**/*.ts'],
    rules: only(['#claims', '#client'], 'libs/presence builds on drafts (access) and auth; never on the client SDK.'),
  },
  {
    files: ['libs/client/**/*.ts'],
    rules: only(
      ['@nestjs/*', 'typeorm', 'pg', 'ioredis', '#*', '!#contracts'],
      'The client SDK depends only on #contracts, yjs and socket.io-client.',
    ),
  },
  {
    // Entry points and test/bench harnesses may read the environment directly.
    files: [
      'apps/*/src/main.ts',
      'apps/cli/src/cli-context.ts',
      'test/**/*.ts',
      'scripts/**/*.ts',
      '**/*.spec.ts',
      'jest.config.js',
    ],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // Test harnesses start the real apps.
    files: ['test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
