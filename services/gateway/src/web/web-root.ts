import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Where the built web page is, found from this file's own place: in a build (dist/, which holds a
 * copy of package.json) it is `web/` beside that package.json; run from a checkout's sources it
 * is the checkout's `dist/web`. The first package.json above this file tells which.
 */
export function defaultWebRoot(from = __dirname): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (!existsSync(path.join(dir, 'package.json'))) continue;
    const shipped = path.join(dir, 'web');
    return existsSync(path.join(shipped, 'index.html')) ? shipped : path.join(dir, 'dist', 'web');
  }
  return path.resolve('dist/web');
}
