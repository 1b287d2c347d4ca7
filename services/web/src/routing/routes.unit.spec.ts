import { pathOf, routeOf } from './routes';

describe('addresses of the screens', () => {
  it('reads a collection address and writes it back', () => {
    const route = routeOf('/collections/0192f0c2-aaaa-7bbb-8ccc-123456789abc');
    expect(route).toEqual({ page: 'collection', id: '0192f0c2-aaaa-7bbb-8ccc-123456789abc' });
    expect(pathOf(route)).toBe('/collections/0192f0c2-aaaa-7bbb-8ccc-123456789abc');
  });

  it('shows the collections for the root and for any address it does not know', () => {
    expect(routeOf('/')).toEqual({ page: 'collections' });
    expect(routeOf('/nowhere/at/all')).toEqual({ page: 'collections' });
    expect(pathOf({ page: 'collections' })).toBe('/');
  });
});
