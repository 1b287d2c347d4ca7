import express, { type RequestHandler } from 'express';
import path from 'node:path';

/** What the gateway answers itself: the API, health and metrics never fall back to the page. */
const NOT_THE_PAGE = /^\/(rest|health|metrics)(\/|$)/;

/**
 * The page only talks to its own origin and loads nothing from elsewhere; the browser enforces
 * it. Images are object URLs (`blob:`) made from previews fetched with the token.
 */
const PAGE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' blob:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

/**
 * Serves the built page (Vite's output): files as they are, `index.html` for any other address
 * (the page's own routes, `/collections/{id}`). Vite names assets by content hash, so they are
 * cached for a year; index.html is revalidated every time, so a deploy shows at the next load.
 */
export function webPageHandler(webRoot: string): RequestHandler {
  const assetsDir = path.join(webRoot, 'assets') + path.sep;
  const files = express.static(webRoot, {
    index: false,
    redirect: false,
    setHeaders: (res, file) => {
      res.setHeader('cache-control', file.startsWith(assetsDir) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const indexFile = path.join(webRoot, 'index.html');

  return (req, res, next) => {
    if (NOT_THE_PAGE.test(req.path)) return next();
    for (const [name, value] of Object.entries(PAGE_HEADERS)) res.setHeader(name, value);
    files(req, res, () => {
      // A missing file (an old asset name, a typo) is a 404, not the page under a wrong type.
      if (path.extname(req.path) !== '') return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(indexFile, { cacheControl: false }, (error) => error && next(error));
    });
  };
}
