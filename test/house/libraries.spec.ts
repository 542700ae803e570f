/**
 * The house rules of the monorepo: libs/libraries.json is the one list of libraries, and every place
 * that registers a lib by hand agrees with it (package.json `imports`, nest-cli.json, the libs/
 * folders, jest), lint enforces each lib's `uses`, and the code of each lib imports no more than them.
 * A hand edit that forgets one place fails here; `npm run add-library -- <name>` does them all.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const jestConfig = ((await import(path.join(ROOT, 'jest.config.js'))) as { default: Record<string, unknown> }).default;

interface Library {
  name: string;
  purpose: string;
  uses: string[];
  planned?: boolean;
}

interface NestProject {
  type: string;
  root: string;
  sourceRoot: string;
  entryFile: string;
  compilerOptions?: { tsConfigPath?: string };
}

const readJson = <T>(relative: string): T => JSON.parse(readFileSync(path.join(ROOT, relative), 'utf8')) as T;

const manifest = readJson<{ libraries: Library[] }>('libs/libraries.json');
const libraries = manifest.libraries;
const existing = libraries.filter((lib) => !lib.planned);
const planned = libraries.filter((lib) => lib.planned);
const byName = new Map(libraries.map((lib) => [lib.name, lib]));
const pkg = readJson<{ imports: Record<string, unknown>; scripts: Record<string, string> }>('package.json');
const nest = readJson<{
  monorepo: boolean;
  root: string;
  sourceRoot: string;
  compilerOptions: { builder: string; tsConfigPath: string };
  projects: Record<string, NestProject>;
}>('nest-cli.json');
const folders = readdirSync(path.join(ROOT, 'libs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const TEST_FILE = /\.(spec|db-spec|e2e-spec)\.ts$/;

/** The TypeScript files of a lib's own code (its tests excluded). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !TEST_FILE.test(entry.name) ? [full] : [];
  });
}

describe('libs/libraries.json', () => {
  it('describes each lib once, with a name, a purpose and the libs it uses', () => {
    expect(new Set(libraries.map((lib) => lib.name)).size).toBe(libraries.length);
    for (const lib of libraries) {
      expect(lib.name).toMatch(/^[a-z][a-z0-9-]*$/);
      expect(lib.purpose.trim()).not.toBe('');
      expect(lib.purpose).not.toContain('\n');
      expect(Array.isArray(lib.uses)).toBe(true);
      expect(new Set(lib.uses).size).toBe(lib.uses.length);
      expect([undefined, true]).toContain(lib.planned);
    }
  });

  it('lists each lib after every lib it uses, so the dependencies have no cycle', () => {
    const seen = new Set<string>();
    for (const lib of libraries) {
      const unknownOrLater = lib.uses.filter((use) => !seen.has(use));
      expect({ lib: lib.name, usesUnknownOrLater: unknownOrLater }).toEqual({ lib: lib.name, usesUnknownOrLater: [] });
      seen.add(lib.name);
    }
  });

  it('lets no existing lib use a planned one', () => {
    for (const lib of existing) {
      expect({ lib: lib.name, usesPlanned: lib.uses.filter((use) => byName.get(use)?.planned) }).toEqual({
        lib: lib.name,
        usesPlanned: [],
      });
    }
  });

  it('keeps the fixed points of the architecture', () => {
    const uses = (name: string) => byName.get(name)?.uses;
    expect(uses('contracts')).toEqual([]);
    expect(uses('config')).toEqual([]);
    expect(uses('domain')).toEqual(['contracts']);
    expect(uses('client')).toEqual(['contracts']);
    expect(uses('collab')).not.toContain('persistence');
    expect(uses('collab')).not.toContain('config');
    // The documented direction of the context libs: publishing -> reviews -> claims -> drafts -> collab.
    const chain = ['publishing', 'reviews', 'claims', 'drafts', 'collab'];
    chain.slice(0, -1).forEach((name, i) => expect(uses(name)).toContain(chain[i + 1]));
  });
});

describe('every lib is registered everywhere', () => {
  it('has a folder with an entry point for each existing lib, and none for a planned one', () => {
    for (const lib of existing) expect(existsSync(path.join(ROOT, 'libs', lib.name, 'src/index.ts'))).toBe(true);
    for (const lib of planned) expect(existsSync(path.join(ROOT, 'libs', lib.name))).toBe(false);
    expect(folders.sort()).toEqual(existing.map((lib) => lib.name).sort());
  });

  it('has the #name alias of each existing lib in package.json imports, and no other', () => {
    const expected = Object.fromEntries(
      existing.map((lib) => [
        `#${lib.name}`,
        { types: `./libs/${lib.name}/src/index.ts`, default: `./dist/libs/${lib.name}/src/index.js` },
      ]),
    );
    expect(pkg.imports).toEqual(expected);
  });

  it('has a library project in nest-cli.json for each existing lib, and no other', () => {
    const libraryProjects = Object.fromEntries(
      Object.entries(nest.projects).filter(([, project]) => project.type === 'library'),
    );
    const expected = Object.fromEntries(
      existing.map((lib) => [
        lib.name,
        { type: 'library', root: `libs/${lib.name}`, entryFile: 'index', sourceRoot: `libs/${lib.name}/src` },
      ]),
    );
    expect(libraryProjects).toEqual(expected);
  });

  it('maps each existing lib in jest, and no planned one', () => {
    const mapper = Object.keys(jestConfig.moduleNameMapper as Record<string, string>).map((key) => new RegExp(key));
    const mapped = (name: string) => mapper.some((regex) => regex.test(`#${name}`));
    for (const lib of existing)
      expect({ lib: lib.name, mapped: mapped(lib.name) }).toEqual({ lib: lib.name, mapped: true });
    for (const lib of planned)
      expect({ lib: lib.name, mapped: mapped(lib.name) }).toEqual({ lib: lib.name, mapped: false });
  });
});

describe('nest-cli.json', () => {
  it('is a monorepo rooted at the server, built by tsc', () => {
    expect(nest.monorepo).toBe(true);
    expect(nest.root).toBe('apps/server');
    expect(nest.sourceRoot).toBe('apps/server/src');
    expect(nest.compilerOptions.builder).toBe('tsc');
    expect(existsSync(path.join(ROOT, nest.compilerOptions.tsConfigPath))).toBe(true);
  });

  it('has the server and the cli as applications with their own tsconfig', () => {
    for (const app of ['server', 'cli']) {
      const project = nest.projects[app];
      expect(project).toMatchObject({
        type: 'application',
        root: `apps/${app}`,
        sourceRoot: `apps/${app}/src`,
        entryFile: 'main',
      });
      expect(existsSync(path.join(ROOT, project.sourceRoot, `${project.entryFile}.ts`))).toBe(true);
      expect(existsSync(path.join(ROOT, project.compilerOptions?.tsConfigPath ?? 'missing'))).toBe(true);
    }
  });
});

describe('the code of each lib imports no lib beyond its uses', () => {
  const ALIAS = /(?:from\s+|import\s+|import\s*\(\s*)['"]#([a-z0-9-]+)['"]/g;
  for (const lib of existing) {
    it(`libs/${lib.name}`, () => {
      const imported = new Set<string>();
      for (const file of sourceFiles(path.join(ROOT, 'libs', lib.name, 'src'))) {
        for (const match of readFileSync(file, 'utf8').matchAll(ALIAS)) imported.add(match[1]!);
      }
      expect([...imported].filter((name) => !lib.uses.includes(name)).sort()).toEqual([]);
    });
  }
});

describe('lint enforces the manifest', () => {
  interface Probe {
    file: string;
    code: string;
    blocked: boolean;
  }
  const probes: Probe[] = [];
  for (const lib of libraries) {
    for (const other of existing) {
      probes.push({
        file: `libs/${lib.name}/src/house-probe.ts`,
        code: `import '#${other.name}';\n`,
        blocked: !lib.uses.includes(other.name),
      });
    }
  }
  const value = (source: string) => `import { x } from '${source}';\nexport const y = x;\n`;
  const type = (source: string) => `import type { X } from '${source}';\nexport type Y = X;\n`;
  probes.push(
    { file: 'libs/domain/src/claims/house-probe.ts', code: value('../review/locked-states.js'), blocked: true },
    { file: 'libs/domain/src/claims/house-probe.ts', code: value('../fact-check/verdicts.js'), blocked: true },
    { file: 'libs/domain/src/claims/house-probe.ts', code: value('../errors/domain-error.js'), blocked: false },
    { file: 'libs/domain/src/fact-check/house-probe.ts', code: value('../review/locked-states.js'), blocked: true },
    { file: 'libs/domain/src/fact-check/house-probe.ts', code: value('../claims/index.js'), blocked: false },
    { file: 'libs/domain/src/review/house-probe.ts', code: value('../fact-check/verdicts.js'), blocked: false },
    { file: 'libs/domain/src/review/house-probe.ts', code: value('../claims/index.js'), blocked: false },
    { file: 'libs/domain/src/review/house-probe.ts', code: value('@nestjs/common'), blocked: true },
    { file: 'libs/collab/src/house-probe.ts', code: value('@nestjs/common'), blocked: true },
    { file: 'libs/client/src/house-probe.ts', code: value('ioredis'), blocked: true },
    { file: 'libs/client/src/house-probe.ts', code: value('yjs'), blocked: false },
    { file: 'apps/server/src/drafts/house-probe.ts', code: value('#persistence'), blocked: true },
    { file: 'apps/server/src/drafts/house-probe.ts', code: value('#collab'), blocked: true },
    { file: 'apps/server/src/drafts/house-probe.ts', code: type('#persistence'), blocked: false },
    { file: 'apps/server/src/drafts/house-probe.ts', code: type('#collab'), blocked: false },
    { file: 'apps/server/src/drafts/house-probe.ts', code: type('typeorm'), blocked: true },
    { file: 'apps/server/src/drafts/house-probe.ts', code: value('@electric-sql/pglite'), blocked: true },
    { file: 'apps/server/src/drafts/house-probe.ts', code: value('#drafts'), blocked: false },
    { file: 'apps/server/src/composition/house-probe.ts', code: value('#persistence'), blocked: false },
    { file: 'apps/server/src/composition/house-probe.ts', code: value('typeorm'), blocked: false },
    { file: 'apps/server/src/app.module.ts', code: value('#collab'), blocked: false },
  );

  it('blocks exactly the imports the manifest and the house rules forbid', () => {
    // ESLint runs in a child process: its config loader does not run inside jest's module sandbox.
    const script = `
      import { ESLint } from 'eslint';
      const probes = JSON.parse(process.argv[1]);
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const probe of probes) {
        const [result] = await eslint.lintText(probe.code, { filePath: probe.file });
        out.push(result.messages.some((m) => m.ruleId === '@typescript-eslint/no-restricted-imports'));
      }
      process.stdout.write(JSON.stringify(out));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(probes)], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    const blocked = JSON.parse(output) as boolean[];
    const wrong = probes
      .filter((probe, i) => probe.blocked !== blocked[i])
      .map((probe) => `${probe.file}: ${probe.code.split('\n')[0]} should be ${probe.blocked ? 'blocked' : 'allowed'}`);
    expect(wrong).toEqual([]);
  }, 60_000);
});
