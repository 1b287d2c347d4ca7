/** The page's two screens, each with its own address (so reload and back work). */
export type Route = { page: 'collections' } | { page: 'collection'; id: string };

const COLLECTION = /^\/collections\/([^/]+)\/?$/;

export function routeOf(pathname: string): Route {
  const match = COLLECTION.exec(pathname);
  return match ? { page: 'collection', id: decodeURIComponent(match[1]) } : { page: 'collections' };
}

export function pathOf(route: Route): string {
  return route.page === 'collection' ? `/collections/${encodeURIComponent(route.id)}` : '/';
}
