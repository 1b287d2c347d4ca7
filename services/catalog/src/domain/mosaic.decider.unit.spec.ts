import { BadRequest } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { mosaicDecider, type CreateMosaic, type MosaicCommand, type MosaicEvent } from './mosaic.decider';
import { MosaicAlreadyExists } from './mosaic.errors';

const now = new Date('2026-11-25T10:00:00.000Z');
const mosaicId = '0195f0a0-0000-7000-8000-000000000001';

const given = deciderSpec(mosaicDecider);

const create = (overrides: Partial<CreateMosaic> = {}): MosaicCommand => ({
  type: 'CreateMosaic',
  mosaicId,
  ownerId: 'alice@example.com',
  name: 'Fields 2026',
  tags: [],
  now,
  ...overrides,
});

const created = (name = 'Fields 2026', tags: string[] = []): MosaicEvent => ({
  type: 'catalog.MosaicCreated',
  data: { mosaicId, ownerId: 'alice@example.com', name, tags, createdAt: now.toISOString() },
});

describe('Mosaic decider: create', () => {
  it('creates a mosaic with the name, owner and time of the command', () => {
    given().when(create()).then([created()]);
  });

  it('trims the name', () => {
    given()
      .when(create({ name: '  Fields 2026 ' }))
      .then([created()]);
  });

  it('trims tags, drops empty ones and removes duplicates keeping the first', () => {
    given()
      .when(create({ tags: [' crops', 'crops', '', '  ', 'wheat', 'crops '] }))
      .then([created('Fields 2026', ['crops', 'wheat'])]);
  });

  it('rejects an empty name with BadRequest naming the field', () => {
    given()
      .when(create({ name: '   ' }))
      .thenThrows(BadRequest, { field: 'name', reason: expect.any(String) });
  });

  it('rejects a name over 255 characters', () => {
    given()
      .when(create({ name: 'x'.repeat(256) }))
      .thenThrows(BadRequest, { field: 'name', reason: expect.any(String) });
  });

  it('accepts a name of exactly 255 characters', () => {
    given()
      .when(create({ name: 'x'.repeat(255) }))
      .then([created('x'.repeat(255))]);
  });

  it('rejects more than 50 distinct tags', () => {
    const tags = Array.from({ length: 51 }, (_, i) => `t${i}`);
    given()
      .when(create({ tags }))
      .thenThrows(BadRequest, { field: 'tags', reason: expect.any(String) });
  });

  it('rejects a tag over 64 characters', () => {
    given()
      .when(create({ tags: ['y'.repeat(65)] }))
      .thenThrows(BadRequest, { field: 'tags', reason: expect.any(String) });
  });

  it('refuses to create a mosaic twice', () => {
    given(created()).when(create()).thenThrows(MosaicAlreadyExists, { uid: mosaicId });
  });
});
