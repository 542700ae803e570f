#!/usr/bin/env node
// The `copydesk` command: runs the compiled CLI (built by `npm ci` / `npm run build`).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/apps/cli/src/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('copydesk is not built yet: run `npm run build` in the checkout first.\n');
  process.exit(1);
}
await import(entry.href);
