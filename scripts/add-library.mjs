#!/usr/bin/env node
// Adds a library to the monorepo in one step (see libs/libraries.json):
//
//   npm run add-library -- <name>                                     materialise a planned lib
//   npm run add-library -- <name> --purpose "one line" --uses a,b     add a new lib (--uses "" for none)
//
// It writes every place a lib is registered: the manifest entry (libs/libraries.json), the folder
// with its entry point (libs/<name>/src/index.ts), the `#<name>` alias (package.json `imports`) and
// the library project (nest-cli.json). jest.config.js and eslint.config.js read the manifest, so
// they need nothing. Running it again changes nothing; it prints what it did.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const MANIFEST = 'libs/libraries.json';
const NAME = /^[a-z][a-z0-9-]*$/;

function fail(message) {
  process.stderr.write(`add-library: ${message}\n`);
  process.exit(1);
}

function parseArgs(argv) {
  const args = { name: undefined, uses: undefined, purpose: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) fail(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--help' || flag === '-h') {
      process.stdout.write(
        readFileSync(fileURLToPath(import.meta.url), 'utf8')
          .split('\n')
          .slice(1, 11)
          .join('\n') + '\n',
      );
      process.exit(0);
    } else if (flag === '--uses') {
      args.uses = value()
        .split(',')
        .map((use) => use.trim().replace(/^#/, ''))
        .filter(Boolean);
    } else if (flag === '--purpose') {
      args.purpose = value().trim();
    } else if (flag.startsWith('-')) {
      fail(`unknown option ${flag}`);
    } else if (args.name === undefined) {
      args.name = arg.replace(/^#/, '');
    } else {
      fail(`one library at a time (got ${args.name} and ${arg})`);
    }
  }
  if (!args.name) fail('usage: npm run add-library -- <name> [--purpose "one line" --uses a,b]');
  if (!NAME.test(args.name)) fail(`"${args.name}" is not a library name (lower case, digits, dashes)`);
  return args;
}

const file = (relative) => path.join(ROOT, relative);
const readJson = (relative) => JSON.parse(readFileSync(file(relative), 'utf8'));
const sameList = (a, b) => a.length === b.length && a.every((item, i) => item === b[i]);

async function write(relative, text) {
  const options = (await prettier.resolveConfig(file(relative))) ?? {};
  writeFileSync(file(relative), await prettier.format(text, { ...options, filepath: file(relative) }));
}

/** The manifest entry for the lib: the planned one made real, or a new one placed after the libs it uses. */
function manifestEntry(manifest, { name, uses, purpose }, done) {
  const libs = manifest.libraries;
  const known = new Map(libs.map((lib) => [lib.name, lib]));
  let entry = known.get(name);
  if (entry) {
    if (uses !== undefined && !sameList(uses, entry.uses)) {
      fail(`${MANIFEST} already gives ${name} uses [${entry.uses.join(', ')}]; change the direction there, by hand`);
    }
    if (purpose !== undefined && purpose !== entry.purpose) {
      fail(`${MANIFEST} already describes ${name} as "${entry.purpose}"; change it there, by hand`);
    }
  } else {
    if (purpose === undefined || uses === undefined) {
      fail(`${name} is not in ${MANIFEST}: a new lib needs --purpose "one line" and --uses a,b (--uses "" for none)`);
    }
    for (const use of uses) {
      if (use === name) fail(`${name} cannot use itself`);
      if (!known.has(use)) fail(`${name} uses ${use}, which ${MANIFEST} does not list`);
    }
    entry = { name, purpose, uses, planned: true };
    // Bottom-up order: right after the last lib it uses (a new lib is used by none).
    const at = Math.max(-1, ...uses.map((use) => libs.indexOf(known.get(use)))) + 1;
    libs.splice(at, 0, entry);
    done.push(`${MANIFEST}: added ${name} (uses ${uses.length ? uses.join(', ') : 'nothing'})`);
  }
  const planned = entry.uses.filter((use) => known.get(use)?.planned);
  if (planned.length)
    fail(`${name} uses ${planned.join(', ')}, still planned: add ${planned.length > 1 ? 'them' : 'it'} first`);
  if (entry.planned) {
    delete entry.planned;
    if (!done.length) done.push(`${MANIFEST}: ${name} is no longer planned`);
  }
  return entry;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const { name } = args;
  const done = [];

  const manifest = readJson(MANIFEST);
  const entry = manifestEntry(manifest, args, done);
  if (done.length) await write(MANIFEST, JSON.stringify(manifest, null, 2));

  const index = `libs/${name}/src/index.ts`;
  if (!existsSync(file(index))) {
    mkdirSync(path.dirname(file(index)), { recursive: true });
    await write(
      index,
      `// ${entry.purpose}\n// Uses: ${entry.uses.map((use) => `#${use}`).join(', ') || 'no other lib'}.\nexport {};\n`,
    );
    done.push(`created ${index}`);
  } else if (done.length) {
    done.push(`${index} exists: left as it is`);
  }

  const pkg = readJson('package.json');
  const alias = { types: `./libs/${name}/src/index.ts`, default: `./dist/libs/${name}/src/index.js` };
  const current = pkg.imports?.[`#${name}`];
  if (JSON.stringify(current) !== JSON.stringify(alias)) {
    pkg.imports = { ...pkg.imports, [`#${name}`]: alias };
    await write('package.json', JSON.stringify(pkg, null, 2));
    done.push(`package.json: ${current ? 'corrected' : 'added'} imports #${name}`);
  }

  const nest = readJson('nest-cli.json');
  const project = { type: 'library', root: `libs/${name}`, entryFile: 'index', sourceRoot: `libs/${name}/src` };
  const existing = nest.projects?.[name];
  if (JSON.stringify(existing) !== JSON.stringify(project)) {
    if (existing && existing.type !== 'library') fail(`nest-cli.json has a project ${name} that is not a library`);
    nest.projects = { ...nest.projects, [name]: project };
    await write('nest-cli.json', JSON.stringify(nest, null, 2));
    done.push(`nest-cli.json: ${existing ? 'corrected' : 'added'} library project ${name}`);
  }

  if (done.length) {
    process.stdout.write(done.map((line) => `- ${line}\n`).join(''));
    process.stdout.write(
      `#${name} is ready: jest and lint read ${MANIFEST}; it may import ${entry.uses.map((use) => `#${use}`).join(', ') || 'no other lib'}.\n`,
    );
  } else {
    process.stdout.write(`${name}: already registered everywhere, nothing to do.\n`);
  }
}

await main();
