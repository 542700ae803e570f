// Builds the web page (apps/web) into dist/web: one bundle and one stylesheet, each named by a
// hash of its content so the server can let browsers keep them for a year (docs/web.md), and an
// index.html that points at them. `npm run build` runs it after tsc; `--watch` rebuilds on change.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = `${ROOT}apps/web/`;
const OUT = `${ROOT}dist/web/`;

const options = {
  entryPoints: { app: `${SOURCE}src/main.ts`, styles: `${SOURCE}src/styles.css` },
  bundle: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  platform: 'browser',
  plugins: [libraryAliases()],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'linked',
  entryNames: '[name]-[hash]',
  outdir: `${OUT}assets`,
  metafile: true,
  logLevel: 'warning',
};

/** `#client` and `#contracts` (the libs a page may use) resolve to their TypeScript sources. */
function libraryAliases() {
  return {
    name: 'library-aliases',
    setup(builder) {
      builder.onResolve({ filter: /^#(client|contracts)$/ }, (args) => ({
        path: `${ROOT}libs/${args.path.slice(1)}/src/index.ts`,
      }));
    },
  };
}

async function build() {
  await rm(OUT, { recursive: true, force: true });
  const result = await esbuild.build(options);
  await writeIndex(result.metafile);
  return result;
}

/** index.html with the hashed names, and a Subresource Integrity hash for each. */
async function writeIndex(metafile) {
  const assets = {};
  for (const [file, output] of Object.entries(metafile.outputs)) {
    if (!output.entryPoint) continue;
    const name = file.endsWith('.css') ? 'styles' : 'app';
    const bytes = await readFile(`${ROOT}${file}`);
    assets[name] = {
      href: `/assets/${file.split('/').pop()}`,
      integrity: `sha384-${createHash('sha384').update(bytes).digest('base64')}`,
      gzipBytes: gzipSync(bytes, { level: 9 }).byteLength,
    };
  }
  const template = await readFile(`${SOURCE}index.html`, 'utf8');
  const html = template
    .replace(
      '{{styles}}',
      `<link rel="stylesheet" href="${assets.styles.href}" integrity="${assets.styles.integrity}">`,
    )
    .replace('{{app}}', `<script type="module" src="${assets.app.href}" integrity="${assets.app.integrity}"></script>`);
  await mkdir(OUT, { recursive: true });
  await writeFile(`${OUT}index.html`, html);
  await writeFile(`${OUT}manifest.json`, `${JSON.stringify(assets, null, 2)}\n`);
  return assets;
}

if (process.argv.includes('--watch')) {
  const context = await esbuild.context({
    ...options,
    plugins: [
      ...options.plugins,
      { name: 'index', setup: (b) => b.onEnd((result) => result.metafile && writeIndex(result.metafile)) },
    ],
  });
  await context.watch();
  console.log('Watching apps/web for changes');
} else {
  await build();
  const manifest = JSON.parse(await readFile(`${OUT}manifest.json`, 'utf8'));
  const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
  console.log(
    `web page built: JavaScript ${kb(manifest.app.gzipBytes)} gzipped, CSS ${kb(manifest.styles.gzipBytes)} gzipped`,
  );
}
