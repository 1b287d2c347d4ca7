import { randomUUID } from 'node:crypto';
import type { Envelope } from '@mi/contracts';
import { aValidatedImage, squareFootprint } from '../test/catalog.fixtures';
import { projectCatalogEvent, type CatalogRows } from './catalog-views.projection';
import type { ImageView } from './images-view/image.view';
import type { MosaicView } from './mosaics-view/mosaic.view';
import type { UploadOutcomeView } from './upload-outcomes/upload-outcomes.repository';

const mosaicId = '0190f000-0000-7000-8000-00000000000a';
const ownerId = 'alice@example.com';
const at = '2025-01-02T03:04:05.000Z';
const [a, b] = [
  aValidatedImage({ footprint: squareFootprint(37) }),
  aValidatedImage({ footprint: squareFootprint(40) }),
];

type Fact = [type: string, data: Record<string, unknown>];
const fact = (type: string, data: Record<string, unknown>): Fact => [type, data];
const envelope = { schemaVersion: 1, streamId: mosaicId, streamType: 'Mosaic', occurredAt: at, correlationId: 'c' };

/** The stream, one event per command as the decider writes them; `version` is the position. */
const aStream = (...facts: Fact[]): Envelope[] =>
  facts.map(([type, data], i) => ({
    ...envelope,
    eventId: randomUUID(),
    type,
    version: i + 1,
    causationId: null,
    actor: ownerId,
    data: { mosaicId, ...data },
  }));
const created = fact('catalog.MosaicCreated', { ownerId, name: 'Fields', tags: [], createdAt: at });
const acceptedA = fact('catalog.ImageAccepted', { ownerId, ...a, acceptedAt: at });
const acceptedB = fact('catalog.ImageAccepted', { ownerId, ...b, acceptedAt: at });
const deletedMosaic = fact('catalog.MosaicDeleted', { ownerId, images: [], deletedAt: at });
const renamed = fact('catalog.MosaicRenamed', { name: 'Roads', renamedAt: at });
const renamedA = fact('catalog.ImageRenamed', { imageId: a.imageId, filename: 'n.tif', renamedAt: at });
const rejected = (image: typeof a, code: string, parameters: object) =>
  fact('catalog.ImageRejected', { ownerId, ...image, code, parameters, rejectedAt: at });

/** The views of the one stream, kept in memory the way the repositories and the checkpoint keep them. */
interface Views {
  applied: number;
  mosaic: MosaicView | null;
  images: Record<string, ImageView>;
  outcomes: Record<string, UploadOutcomeView>;
}
const noViews = (): Views => ({ applied: 0, mosaic: null, images: {}, outcomes: {} });
const rowsOf = ({ applied, mosaic, images, outcomes }: Views): CatalogRows => ({
  applied,
  mosaic,
  images: Object.values(images),
  outcomes: Object.values(outcomes),
});

function deliver(views: Views, event: Envelope) {
  const step = projectCatalogEvent(rowsOf(views), event);
  if (step.outcome !== 'applied') return step;
  views.mosaic = step.writes.mosaic ?? views.mosaic;
  for (const row of step.writes.images) views.images[row._id] = row;
  for (const row of step.writes.outcomes) views.outcomes[row._id] = row;
  views.applied = event.version;
  return step;
}
const fold = (events: Envelope[], views = noViews()) => (events.forEach((e) => deliver(views, e)), views);

describe('projectCatalogEvent', () => {
  it('a created mosaic is shown empty, with its owner, name and tags', () => {
    expect(fold(aStream(created)).mosaic).toMatchObject({
      _id: mosaicId,
      ownerId,
      name: 'Fields',
      images: {},
      footprint: null,
      rasterProfile: null,
      deleted: false,
      version: 1,
    });
  });

  it('a rename and a retag change the name and the tags', () => {
    const views = fold(aStream(created, renamed, fact('catalog.MosaicRetagged', { tags: ['x'], retaggedAt: at })));
    expect(views.mosaic).toMatchObject({ name: 'Roads', tags: ['x'], version: 3 });
  });

  it('an accepted image is listed, fixes the profile, counts in the footprint and decides its upload', () => {
    const views = fold(aStream(created, acceptedA));
    expect(views.images[a.imageId]).toMatchObject({
      mosaicId,
      ownerId,
      filename: 'scene.tif',
      deleted: false,
      version: 2,
    });
    expect(views.mosaic).toMatchObject({ footprint: a.footprint, rasterProfile: { crs: 'EPSG:32637' }, version: 2 });
    expect(views.outcomes[a.uploadId]).toMatchObject({ imageId: a.imageId, status: 'ACCEPTED', version: 2 });
  });

  it('a rejected image decides its upload and lists nothing', () => {
    const parameters = { param_name: 'pixel_size', got: [1, 1], expected: [0.1, 0.1] };
    const views = fold(aStream(created, rejected(b, 'FileValidationFailed', parameters)));
    expect(views.images).toEqual({});
    expect(views.mosaic).toMatchObject({ images: {}, version: 2 });
    expect(views.outcomes[b.uploadId]).toMatchObject({
      status: 'REJECTED',
      detail: {
        code: 'FileValidationFailed',
        parameters: { filename: b.filename, mosaic_id: mosaicId, ...parameters },
      },
    });
  });

  it('a stream that starts with a rejection (its mosaic never existed) decides the upload and shows no mosaic', () => {
    const parameters = { instance_type: 'mosaic', uid: mosaicId };
    const views = fold(aStream(rejected(a, 'ItemNotFound', parameters)));
    expect(views).toMatchObject({ applied: 1, mosaic: null, images: {} });
    expect(views.outcomes[a.uploadId]).toMatchObject({
      status: 'REJECTED',
      detail: { code: 'ItemNotFound', parameters },
    });
  });

  it('a renamed image keeps everything but its file name', () => {
    const { images } = fold(aStream(created, acceptedA, renamedA));
    expect(images[a.imageId]).toEqual({
      ...fold(aStream(created, acceptedA)).images[a.imageId],
      filename: 'n.tif',
      version: 3,
    });
  });

  it("a deleted image is hidden and leaves the mosaic's size and footprint", () => {
    const deleted = fact('catalog.ImageDeleted', {
      imageId: a.imageId,
      ownerId,
      fileSize: 1000,
      storageUri: '',
      deletedAt: at,
    });
    const views = fold(aStream(created, acceptedA, acceptedB, deleted));
    expect(views.images[a.imageId]).toMatchObject({ deleted: true, version: 4 });
    expect(views.images[b.imageId]).toMatchObject({ deleted: false, version: 3 });
    expect(views.mosaic).toMatchObject({ images: { [b.imageId]: expect.anything() }, footprint: b.footprint });
  });

  it('a deleted mosaic hides itself and every one of its images', () => {
    const views = fold(aStream(created, acceptedA, acceptedB, deletedMosaic));
    expect(views.mosaic).toMatchObject({ deleted: true, images: {}, version: 4 });
    for (const image of [a, b]) expect(views.images[image.imageId]).toMatchObject({ deleted: true, version: 4 });
  });

  it('every event delivered twice changes nothing the second time', () => {
    const events = aStream(created, acceptedA, renamed, deletedMosaic);
    const twice = noViews();
    for (const event of events) {
      expect(deliver(twice, event).outcome).toBe('applied');
      expect(deliver(twice, event).outcome).toBe('skipped-duplicate');
    }
    expect(twice).toEqual(fold(events));
  });

  it('an event after a missing one is not applied: the gap is reported and nothing changes', () => {
    const [first, accept, rename] = aStream(created, acceptedA, renamedA);
    const views = fold([first]);
    const before = structuredClone(views);
    expect(deliver(views, rename)).toEqual({ outcome: 'gap', missing: { from: 2, to: 2 } });
    expect(views).toEqual(before);
    // Filled in order, it ends as a stream delivered in order would.
    fold([accept, rename], views);
    expect(views).toEqual(fold([first, accept, rename]));
  });

  it('events delivered in reverse order apply only as each one lands on the one before it', () => {
    const events = aStream(created, acceptedA, acceptedB, deletedMosaic);
    const views = fold([...events].reverse());
    expect(views).toEqual(fold(events.slice(0, 1)));
  });

  it('a deleted mosaic and its images stay deleted when its older events arrive again', () => {
    const events = aStream(created, acceptedA, deletedMosaic);
    const views = fold(events);
    for (const event of [events[1], events[0]]) expect(deliver(views, event).outcome).toBe('skipped-duplicate');
    expect(views).toEqual(fold(events));
  });

  it('whatever the delivery order, the views only show states the stream had: no live image of a deleted mosaic', () => {
    const events = aStream(created, acceptedA, deletedMosaic);
    const views = noViews();
    for (const event of [events[0], events[2], events[1], events[2]]) {
      deliver(views, event);
      expect(views).toEqual(fold(events.slice(0, views.applied)));
    }
    expect(views.images[a.imageId]).toMatchObject({ deleted: true });
  });

  it('an event whose apply crashed half-way (some rows written, the stream not moved on) is completed, once', () => {
    const events = aStream(created, acceptedA, acceptedB);
    const views = fold(events.slice(0, 2));
    const step = projectCatalogEvent(rowsOf(views), events[2]);
    if (step.outcome !== 'applied') throw new Error('expected the event to apply');
    views.mosaic = step.writes.mosaic; // only the mosaic row reached the database
    expect(deliver(views, events[2])).toMatchObject({ outcome: 'applied', writes: { mosaic: null } });
    expect(views).toEqual(fold(events));
  });
});
