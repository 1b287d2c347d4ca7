import type { Mosaic } from '../api/rest-types';
import { filterCollections, nextOrder, sortCollections } from './collection-order';
import { parseTags, tagsText } from './tags-text';

const aMosaic = (overrides: Partial<Mosaic>): Mosaic => ({
  id: overrides.name ?? 'id',
  name: 'Collection',
  tags: [],
  created_at: '2026-01-01T00:00:00.000Z',
  updated_at: '2026-01-01T00:00:00.000Z',
  sizeInBytes: 0,
  image_count: 0,
  status: 'EMPTY',
  raster_profile: null,
  ...overrides,
});

const fields = aMosaic({ name: 'Fields 2026', tags: ['crops', 'spring'], sizeInBytes: 300, image_count: 3 });
const forest = aMosaic({ name: 'forest', tags: ['trees'], sizeInBytes: 100, created_at: '2026-03-01T00:00:00.000Z' });
const city = aMosaic({ name: 'City 10', tags: ['urban', 'crops'], sizeInBytes: 200 });
const city9 = aMosaic({ name: 'City 9', sizeInBytes: 200 });
const all = [fields, forest, city, city9];

const namesOf = (mosaics: Mosaic[]) => mosaics.map((m) => m.name);

describe('filtering collections', () => {
  it('finds by part of the name or of a tag, whatever the case', () => {
    expect(namesOf(filterCollections(all, 'FIELD'))).toEqual(['Fields 2026']);
    expect(namesOf(filterCollections(all, 'crop'))).toEqual(['Fields 2026', 'City 10']);
  });

  it('needs every word to match the name or a tag', () => {
    expect(namesOf(filterCollections(all, 'city crops'))).toEqual(['City 10']);
    expect(filterCollections(all, 'city trees')).toEqual([]);
  });

  it('keeps everything for an empty query', () => {
    expect(filterCollections(all, '  ')).toHaveLength(4);
  });
});

describe('sorting collections', () => {
  it('sorts names as people read them: case-blind, numbers by value', () => {
    expect(namesOf(sortCollections(all, { key: 'name', direction: 'ascending' }))).toEqual([
      'City 9',
      'City 10',
      'Fields 2026',
      'forest',
    ]);
  });

  it('sorts by size descending, ties by name', () => {
    expect(namesOf(sortCollections(all, { key: 'sizeInBytes', direction: 'descending' }))).toEqual([
      'Fields 2026',
      'City 9',
      'City 10',
      'forest',
    ]);
  });

  it("sorts by tags, each collection's in order, untagged first", () => {
    expect(namesOf(sortCollections(all, { key: 'tags', direction: 'ascending' }))).toEqual([
      'City 9',
      'Fields 2026',
      'City 10',
      'forest',
    ]);
  });

  it('flips the sorted column and starts another ascending, dates newest first', () => {
    expect(nextOrder({ key: 'name', direction: 'ascending' }, 'name')).toEqual({
      key: 'name',
      direction: 'descending',
    });
    expect(nextOrder({ key: 'name', direction: 'descending' }, 'sizeInBytes')).toEqual({
      key: 'sizeInBytes',
      direction: 'ascending',
    });
    expect(nextOrder({ key: 'name', direction: 'ascending' }, 'created_at').direction).toBe('descending');
  });
});

describe('tags typed as text', () => {
  it('splits on commas, trims, drops empty and repeated tags', () => {
    expect(parseTags(' crops, spring ,, crops,')).toEqual(['crops', 'spring']);
    expect(parseTags('')).toEqual([]);
    expect(tagsText(['crops', 'spring'])).toBe('crops, spring');
  });
});
