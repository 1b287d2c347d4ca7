import { randomUUID } from 'node:crypto';
import { Test } from '@nestjs/testing';
import { ImageSchema, MosaicSchema } from '@mi/contracts';
import { EventSourcingModule, KAFKA, MONGO_DB, MongoEventStore, OutboxRelay } from '@mi/eventstore';
import type { Db } from 'mongodb';
import { quietLogger, stackEnv, uniqueName } from '@mi/testing';
import type { TestingModule } from '@nestjs/testing';
import { aValidatedImage, squareFootprint } from '../test/catalog.fixtures';
import { CatalogViewsConsumer } from './catalog-views.consumer';
import { CatalogViews } from './catalog-views.service';
import type { AttachImage } from './domain/mosaic.decider';
import { toImageResponse } from './images-view/image.response';
import { ImagesRepository } from './images-view/images.repository';
import { MosaicCommands } from './mosaic-commands.service';
import { toMosaicResponse } from './mosaics-view/mosaic.view';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';
import { rebuildCatalogViews } from './rebuild-views/views-rebuild';

const owner = 'alice@example.com';
const base = 'http://gateway.test';

function anImage(metadata: Partial<AttachImage['image']['metadata']> = {}, lon = 37) {
  return aValidatedImage({ metadata, footprint: squareFootprint(lon) });
}

describe('catalog read models on FerretDB and Kafka', () => {
  let app: TestingModule;
  let commands: MosaicCommands;
  let mosaics: MosaicsRepository;
  let images: ImagesRepository;
  const topic = uniqueName('catalog-events');

  beforeAll(async () => {
    app = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'catalog-test',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('catalog').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          outboxSweepMs: 60000,
          logger: quietLogger,
        }),
      ],
      controllers: [CatalogViewsConsumer],
      providers: [MosaicsRepository, ImagesRepository, UploadOutcomesRepository, CatalogViews, MosaicCommands],
    }).compile();
    await app.init();
    commands = app.get(MosaicCommands);
    mosaics = app.get(MosaicsRepository);
    images = app.get(ImagesRepository);
  });
  afterAll(async () => {
    await app.get<Db>(MONGO_DB).dropDatabase();
    await app.close();
  });

  async function aMosaic() {
    const mosaicId = randomUUID();
    await commands.execute({
      type: 'CreateMosaic',
      mosaicId,
      ownerId: owner,
      name: 'Fields',
      tags: [],
      now: new Date(),
    });
    return mosaicId;
  }
  const attach = (mosaicId: string, image: AttachImage['image']) =>
    commands.execute({ type: 'AttachImage', mosaicId, ownerId: owner, image, now: new Date() });

  it('sums sizes, unions footprints and fixes the profile from accepted images only', async () => {
    const mosaicId = await aMosaic();
    const [a, mismatched, c] = [anImage({}, 37), anImage({ pixelSize: [1, 1] }, 40), anImage({}, 37.5)];
    await attach(mosaicId, a);
    await attach(mosaicId, mismatched);
    await attach(mosaicId, c);

    const mosaic = MosaicSchema.parse(toMosaicResponse((await mosaics.findOwned(owner, mosaicId))!));
    expect(mosaic).toMatchObject({
      sizeInBytes: 2000,
      image_count: 2,
      status: 'READY',
      raster_profile: { crs: 'EPSG:32637', count: 3, pixel_size: [0.1, 0.1], dtypes: ['uint8', 'uint8', 'uint8'] },
    });
    expect(mosaic.footprint).toMatch(/^POLYGON/);
    for (const corner of ['37 55', '38.5 55', '38.5 56', '37 56']) expect(mosaic.footprint).toContain(corner);

    const listed = (await images.listOfMosaic(mosaicId)).map((v) => ImageSchema.parse(toImageResponse(v, base)));
    expect(listed.map((i) => i.id).sort()).toEqual([a.imageId, c.imageId].sort());
    expect(listed.find((i) => i.id === a.imageId)).toMatchObject({
      mosaic_id: mosaicId,
      image_url: a.storageUri,
      preview_url_s: `${base}/rest/rasters/image/${a.imageId}/preview/s`,
      preview_url_l: `${base}/rest/rasters/image/${a.imageId}/preview/l`,
      meta_data: { crs: 'EPSG:32637', count: 3, width: 100, height: 50, nodata: null, pixel_size: [0.1, 0.1] },
      status: 'READY',
    });
  });

  it('renames and deletes images, and frees their size from the mosaic', async () => {
    const mosaicId = await aMosaic();
    const [a, b] = [anImage(), anImage()];
    await attach(mosaicId, a);
    await attach(mosaicId, b);
    const now = new Date();
    await commands.execute({
      type: 'RenameImage',
      mosaicId,
      ownerId: owner,
      imageId: a.imageId,
      filename: 'n.tif',
      now,
    });
    expect((await images.findOwned(owner, a.imageId))?.filename).toBe('n.tif');
    await commands.execute({ type: 'DeleteImage', mosaicId, ownerId: owner, imageId: b.imageId, now });
    expect(await images.findOwned(owner, b.imageId)).toBeNull();
    expect(toMosaicResponse((await mosaics.findOwned(owner, mosaicId))!)).toMatchObject({
      sizeInBytes: 1000,
      image_count: 1,
    });

    await commands.execute({ type: 'DeleteMosaic', mosaicId, ownerId: owner, now });
    expect(await mosaics.findOwned(owner, mosaicId)).toBeNull();
    expect(await images.findOwned(owner, a.imageId)).toBeNull();
  });

  it('hides mosaics and images from other users', async () => {
    const mosaicId = await aMosaic();
    const image = anImage();
    await attach(mosaicId, image);
    expect(await mosaics.findOwned('mallory@example.com', mosaicId)).toBeNull();
    expect(await images.findOwned('mallory@example.com', image.imageId)).toBeNull();
    expect((await mosaics.listByOwner('mallory@example.com')).map((m) => m._id)).not.toContain(mosaicId);
  });

  it('changes nothing when every event is delivered again, even after a delete', async () => {
    const mosaicId = await aMosaic();
    const image = anImage();
    await attach(mosaicId, image);
    await commands.execute({ type: 'DeleteImage', mosaicId, ownerId: owner, imageId: image.imageId, now: new Date() });
    const before = await mosaics.findOwned(owner, mosaicId);
    const events = await app.get(MongoEventStore).readStream(mosaicId);
    for (const event of events) {
      expect(await app.get(CatalogViewsConsumer).onCatalogEvent(event)).toBe('skipped-duplicate');
    }
    expect(await mosaics.findOwned(owner, mosaicId)).toEqual(before);
    expect(await images.findOwned(owner, image.imageId)).toBeNull(); // the tombstone held
  });

  it('rebuilds both read models, dropped with their checkpoints, for every mosaic on the Kafka topic', async () => {
    const mosaicId = await aMosaic();
    await attach(mosaicId, anImage());
    const relay = app.get(OutboxRelay);
    await relay.sweep();
    const streams = await app.get(MongoEventStore).streamsWithUnpublishedCommits(new Date(Date.now() + 1000), 1000);
    for (const stream of streams) await relay.publishStream(stream);
    const before = (await mosaics.listByOwner(owner)).map(toMosaicResponse);
    const imagesBefore = await images.listOfMosaic(mosaicId);

    const { events } = await rebuildCatalogViews(app.get(KAFKA), topic, app.get(CatalogViews), quietLogger);
    expect(events).toBeGreaterThan(0);
    expect((await mosaics.listByOwner(owner)).map(toMosaicResponse)).toEqual(before);
    expect(await images.listOfMosaic(mosaicId)).toEqual(imagesBefore);
  });
});
