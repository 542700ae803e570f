import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response } from 'express';

/** Hashed names change with their content, so a browser may keep them as long as it likes. */
const ASSET_MAX_AGE = '365d';

/**
 * The newsroom web page (docs/web.md): `index.html` at `/`, always revalidated so a deploy is
 * seen at the next load, and the hashed bundle under `/assets/`, cached for a year and immutable.
 * Everything else falls through to the API. Built by `npm run build` into dist/web.
 */
export function webPage(directory: string | null = findWebDirectory()) {
  if (!directory) return notBuilt;
  const index = `${directory}/index.html`;
  const assets = express.static(`${directory}/assets`, {
    immutable: true,
    maxAge: ASSET_MAX_AGE,
    index: false,
    fallthrough: false,
    redirect: false,
  });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return next();
    if (request.path === '/' || request.path === '/index.html') {
      response.setHeader('Cache-Control', 'no-cache');
      response.sendFile(index, (error) => error && next(error));
      return;
    }
    if (request.path.startsWith('/assets/')) {
      request.url = request.url.slice('/assets'.length);
      assets(request, response, next);
      return;
    }
    next();
  };
}

function notBuilt(request: Request, response: Response, next: NextFunction): void {
  if (request.path !== '/') return next();
  response
    .status(503)
    .type('text/plain')
    .send('The web page is not built: run `npm run build` (it writes dist/web).\n');
}

/** dist/web beside the compiled server, or under the project root when running from sources (tests). */
export function findWebDirectory(): string | null {
  const candidates = [new URL('../../../../web/', import.meta.url), new URL('../../../../dist/web/', import.meta.url)];
  for (const candidate of candidates) {
    const path = fileURLToPath(candidate);
    if (existsSync(`${path}index.html`)) return path.replace(/\/$/, '');
  }
  return null;
}
