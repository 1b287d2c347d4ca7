import { BadRequest } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { aValidatedImage } from '../../test/catalog.fixtures';
import { mosaicDecider, type MosaicEvent } from './mosaic.decider';

// Names, tags and file names are shown in the QGIS plugin, the web page and logs: what a user
// types is cleaned the same way whichever route it came by (libs/contracts display-text).

const now = new Date('2026-11-25T10:00:00.000Z');
const at = now.toISOString();
const mosaicId = '0195f0a0-0000-7000-8000-000000000001';
const imageId = '0195f0a0-0000-7000-8000-00000000000a';
const base = { mosaicId, ownerId: 'alice@example.com', now };
const given = deciderSpec(mosaicDecider);

const created: MosaicEvent = {
  type: 'catalog.MosaicCreated',
  data: { mosaicId, ownerId: base.ownerId, name: 'Fields', tags: [], createdAt: at },
};
const image = aValidatedImage({ imageId, storageUri: `gs://bucket/${imageId}`, filename: 'north.tif' });
const accepted: MosaicEvent = {
  type: 'catalog.ImageAccepted',
  data: { mosaicId, ownerId: base.ownerId, ...image, acceptedAt: at },
};

describe('Mosaic decider: names and tags as people read them', () => {
  it('creates a mosaic without NUL, CR/LF or bidi overrides in its name and tags', () => {
    given()
      .when({
        ...base,
        type: 'CreateMosaic',
        name: 'Fields\u0000\r\n2026\u202E',
        tags: ['crops\n', '\u2066wheat\u2069'],
      })
      .then([
        {
          type: 'catalog.MosaicCreated',
          data: { ...created.data, name: 'Fields 2026', tags: ['crops', 'wheat'] },
        },
      ]);
  });

  it('rejects a name that is empty once cleaned, naming the field', () => {
    given()
      .when({ ...base, type: 'CreateMosaic', name: '\u0000\r\n\u202E\t', tags: [] })
      .thenThrows(BadRequest, { field: 'name', reason: expect.any(String) });
  });

  it('renames and retags with cleaned text, and drops tags that clean to nothing', () => {
    given(created)
      .when({ ...base, type: 'RenameMosaic', name: 'North\u202Ecorner' })
      .then([{ type: 'catalog.MosaicRenamed', data: { mosaicId, name: 'Northcorner', renamedAt: at } }]);
    given(created)
      .when({ ...base, type: 'RetagMosaic', tags: ['a\tb', '\u0000', 'a b'] })
      .then([{ type: 'catalog.MosaicRetagged', data: { mosaicId, tags: ['a b'], retaggedAt: at } }]);
  });
});

describe('Mosaic decider: image renames as file names', () => {
  const rename = (filename: string) => ({ ...base, type: 'RenameImage' as const, imageId, filename });
  const renamed = (filename: string): MosaicEvent[] => [
    { type: 'catalog.ImageRenamed', data: { mosaicId, imageId, filename, renamedAt: at } },
  ];

  it('keeps only the last path segment, as uploads do', () => {
    given(created, accepted).when(rename('../../etc/passwd')).then(renamed('passwd'));
    given(created, accepted).when(rename('..\\..\\south.tif')).then(renamed('south.tif'));
  });

  it('cleans control and bidi characters', () => {
    given(created, accepted).when(rename('south\u0000\r\n\u202Egpj.tif')).then(renamed('south gpj.tif'));
  });

  it('caps a long name at 255 bytes of UTF-8 instead of refusing it', () => {
    const [event] = mosaicDecider.decide(
      rename(`${'\u00e9'.repeat(5000)}.tif`),
      [created, accepted].reduce(mosaicDecider.evolve, mosaicDecider.initialState),
    );
    const filename = (event.data as { filename: string }).filename;
    expect(Buffer.byteLength(filename)).toBeLessThanOrEqual(255);
    expect(filename).toMatch(/^\u00e9+\.tif$/);
  });

  it('rejects a name that leaves no file name (empty, . or ..), naming the field', () => {
    for (const name of ['\u0000\u202E', '.', '..', 'a/..'])
      given(created, accepted)
        .when(rename(name))
        .thenThrows(BadRequest, { field: 'name', reason: expect.any(String) });
  });
});
