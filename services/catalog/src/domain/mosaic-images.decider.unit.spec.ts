import { ItemNotFound } from '@mi/contracts';
import { deciderSpec } from '@mi/testing';
import { aValidatedImage } from '../../test/catalog.fixtures';
import {
  decide,
  evolve,
  initialMosaic,
  mosaicDecider,
  type AttachImage,
  type MosaicCommand,
  type MosaicEvent,
} from './mosaic.decider';

const now = new Date('2026-11-25T10:00:00.000Z');
const at = now.toISOString();
const mosaicId = '0195f0a0-0000-7000-8000-000000000001';
const owner = 'alice@example.com';
const imageA = '0195f0a0-0000-7000-8000-00000000000a';
const imageB = '0195f0a0-0000-7000-8000-00000000000b';

const created: MosaicEvent = {
  type: 'catalog.MosaicCreated',
  data: { mosaicId, ownerId: owner, name: 'Fields', tags: ['crops'], createdAt: at },
};

function anImage(imageId: string, metadata: Partial<AttachImage['image']['metadata']> = {}) {
  return aValidatedImage({ imageId, storageUri: `gs://bucket/${imageId}`, filename: `${imageId}.tif`, metadata });
}

const attach = (image: AttachImage['image'], ownerId = owner): MosaicCommand => ({
  type: 'AttachImage',
  mosaicId,
  ownerId,
  now,
  image,
});
const accepted = (image: AttachImage['image']): MosaicEvent => ({
  type: 'catalog.ImageAccepted',
  data: { mosaicId, ownerId: owner, ...image, acceptedAt: at },
});

const given = deciderSpec(mosaicDecider);

describe('Mosaic decider: rename, retag, delete', () => {
  const base = { mosaicId, ownerId: owner, now };

  it('renames with the trimmed name', () => {
    given(created)
      .when({ ...base, type: 'RenameMosaic', name: ' Fields 2027 ' })
      .then([{ type: 'catalog.MosaicRenamed', data: { mosaicId, name: 'Fields 2027', renamedAt: at } }]);
  });

  it('records nothing when the name does not change', () => {
    given(created)
      .when({ ...base, type: 'RenameMosaic', name: 'Fields' })
      .then([]);
  });

  it('replaces the tags', () => {
    given(created)
      .when({ ...base, type: 'RetagMosaic', tags: ['wheat', 'wheat', ' barley'] })
      .then([{ type: 'catalog.MosaicRetagged', data: { mosaicId, tags: ['wheat', 'barley'], retaggedAt: at } }]);
  });

  it('answers another user as if the mosaic did not exist', () => {
    given(created)
      .when({ ...base, ownerId: 'mallory@example.com', type: 'RenameMosaic', name: 'Mine' })
      .thenThrows(ItemNotFound, { instance_type: 'mosaic', uid: mosaicId });
  });

  it('deletes the mosaic listing every image, so their bytes and blobs can be freed', () => {
    given(created, accepted(anImage(imageA)))
      .when({ ...base, type: 'DeleteMosaic' })
      .then([
        {
          type: 'catalog.MosaicDeleted',
          data: {
            mosaicId,
            ownerId: owner,
            images: [{ imageId: imageA, fileSize: 1000, storageUri: `gs://bucket/${imageA}` }],
            deletedAt: at,
          },
        },
      ]);
  });

  it('treats a deleted mosaic as not found', () => {
    const deleted: MosaicEvent = {
      type: 'catalog.MosaicDeleted',
      data: { mosaicId, ownerId: owner, images: [], deletedAt: at },
    };
    given(created, deleted)
      .when({ ...base, type: 'DeleteMosaic' })
      .thenThrows(ItemNotFound, { instance_type: 'mosaic', uid: mosaicId });
  });
});

describe('Mosaic decider: images', () => {
  const base = { mosaicId, ownerId: owner, now };

  it('accepts the first image whatever its profile', () => {
    given(created)
      .when(attach(anImage(imageA)))
      .then([accepted(anImage(imageA))]);
  });

  it('accepts a later image with the same CRS, band count and pixel size', () => {
    given(created, accepted(anImage(imageA)))
      .when(attach(anImage(imageB)))
      .then([accepted(anImage(imageB))]);
  });

  it('rejects an image whose pixel size differs from the mosaic, naming got and expected', () => {
    const coarse = anImage(imageB, { pixelSize: [1, 1] });
    given(created, accepted(anImage(imageA)))
      .when(attach(coarse))
      .then([
        {
          type: 'catalog.ImageRejected',
          data: {
            mosaicId,
            ownerId: owner,
            imageId: imageB,
            uploadId: coarse.uploadId,
            filename: coarse.filename,
            fileSize: 1000,
            storageUri: coarse.storageUri,
            code: 'FileValidationFailed',
            parameters: { param_name: 'pixel_size', got_param: [1, 1], expected_param: [0.1, 0.1] },
            rejectedAt: at,
          },
        },
      ]);
  });

  it('rejects an image in another CRS and one with another band count', () => {
    const state = [created, accepted(anImage(imageA))];
    const [crs] = decide(attach(anImage(imageB, { crs: 'EPSG:4326' })), state.reduce(evolve, initialMosaic));
    expect(crs).toMatchObject({ type: 'catalog.ImageRejected', data: { parameters: { param_name: 'crs' } } });
    const [count] = decide(attach(anImage(imageB, { count: 4 })), state.reduce(evolve, initialMosaic));
    expect(count).toMatchObject({ type: 'catalog.ImageRejected', data: { parameters: { param_name: 'count' } } });
  });

  it('changes nothing when the same upload is decided twice (redelivery)', () => {
    given(created, accepted(anImage(imageA)))
      .when(attach(anImage(imageA)))
      .then([]);
  });

  it("rejects an image for a mosaic that is gone or someone else's, so the upload still ends", () => {
    const deleted: MosaicEvent = {
      type: 'catalog.MosaicDeleted',
      data: { mosaicId, ownerId: owner, images: [], deletedAt: at },
    };
    for (const [history, caller] of [
      [[created, deleted], owner],
      [[created], 'mallory@example.com'],
      [[], owner],
    ] as const) {
      const [event] = decide(attach(anImage(imageA), caller), history.reduce(evolve, initialMosaic));
      expect(event).toMatchObject({
        type: 'catalog.ImageRejected',
        data: { code: 'ItemNotFound', parameters: { instance_type: 'mosaic', uid: mosaicId }, ownerId: caller },
      });
    }
  });

  it('renames an image', () => {
    given(created, accepted(anImage(imageA)))
      .when({ ...base, type: 'RenameImage', imageId: imageA, filename: 'north.tif' })
      .then([
        { type: 'catalog.ImageRenamed', data: { mosaicId, imageId: imageA, filename: 'north.tif', renamedAt: at } },
      ]);
  });

  it('answers an unknown image as not found', () => {
    given(created)
      .when({ ...base, type: 'DeleteImage', imageId: imageB })
      .thenThrows(ItemNotFound, { instance_type: 'image', uid: imageB });
  });

  it('deletes an image with its size and blob, and an emptied mosaic accepts any profile again', () => {
    const deleted: MosaicEvent = {
      type: 'catalog.ImageDeleted',
      data: {
        mosaicId,
        imageId: imageA,
        ownerId: owner,
        fileSize: 1000,
        storageUri: `gs://bucket/${imageA}`,
        deletedAt: at,
      },
    };
    given(created, accepted(anImage(imageA)))
      .when({ ...base, type: 'DeleteImage', imageId: imageA })
      .then([deleted]);
    const other = anImage(imageB, { crs: 'EPSG:4326', pixelSize: [0.0001, 0.0001] });
    given(created, accepted(anImage(imageA)), deleted)
      .when(attach(other))
      .then([accepted(other)]);
  });
});
