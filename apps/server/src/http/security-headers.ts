import type { NextFunction, Request, Response } from 'express';
import helmet, { strictTransportSecurity } from 'helmet';

/** The OpenAPI UI and documents (`/api/docs`, `/api/docs-json`), when they are served. */
const API_DOCS = /^\/api\/docs/i;
/** The web page and its assets (docs/web.md). */
const WEB_PAGE = /^\/($|index\.html$|assets\/)/;

/**
 * Security headers (docs/security.md, HTTP headers). The API answers JSON that nothing should
 * render, run or frame: its content security policy allows nothing. The Swagger UI page gets
 * helmet's default policy instead (its own scripts and styles, inline styles, data: images), which
 * it works under. The web page may load its own scripts, styles and images and talk to its own
 * origin (REST and the socket), nothing else; inline styles are allowed because the editor sets
 * positions and highlight colours through style attributes. HSTS only on requests that arrived over TLS, as the server or a trusted proxy
 * says: a browser ignores it over plain HTTP, and a deployment without TLS must not be pinned to it.
 */
export function securityHeaders() {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const docs = helmet({
    // Plain-HTTP deployments would have the page's own assets upgraded to an HTTPS that is not there.
    contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, frameAncestors: ["'none'"] } },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const web = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    strictTransportSecurity: false,
  });
  const hsts = strictTransportSecurity();
  return (request: Request, response: Response, next: NextFunction): void => {
    const headers = API_DOCS.test(request.path) ? docs : WEB_PAGE.test(request.path) ? web : api;
    headers(request, response, (error?: unknown) => {
      if (error) return next(error);
      if (request.secure) return hsts(request, response, next);
      next();
    });
  };
}
