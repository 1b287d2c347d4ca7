import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import type { Envelope } from '@mi/contracts';
import { MONGO_DB, MongoEventStore, type NewEvent } from '@mi/eventstore';
import { quietLogger, stackEnv, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { aValidatedImage } from '../test/catalog.fixtures';
import { CatalogConfigSchema } from './catalog.config';
import { CatalogModule } from './catalog.module';
import { CatalogViewsConsumer, EventNotInStore } from './catalog-views.consumer';
import { ImagePreviewsConsumer } from './images-view/image-previews.consumer';
import { ImagesRepository } from './images-view/images.repository';
import { MosaicCommands } from './mosaic-commands.service';
import { toMosaicResponse } from './mosaics-view/mosaic.view';
import { MosaicsRepository } from './mosaics-view/mosaics.repository';
import { UploadOutcomesRepository } from './upload-outcomes/upload-outcomes.repository';

const owner = 'alice@example.com';
const config = CatalogConfigSchema.parse({
  KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
  KAFKA_TOPIC_PREFIX: `${uniqueName('gaps')}.`,
  MONGO_URL: stackEnv.mongoUrl,
  MONGO_DATABASE: uniqueName('catalog_gaps').replace(/-/g, '_'),
  OUTBOX_SWEEP_MS: '60000',
  SERVICE_TOKEN_SECRET: 'a-test-secret-of-at-least-32-characters',
  LOG_LEVEL: 'silent',
});

// The inline apply that crashes after the append is simulated by appending to the store
// directly: the commit is there (and would reach Kafka), no view saw it.
describe('catalog read models never skip an event (FerretDB)', () => {
  let app: TestingModule;
  let store: MongoEventStore;
  let commands: MosaicCommands;
  let mosaics: MosaicsRepository;
  let images: ImagesRepository;

  beforeAll(async () => {
    app = await Test.createTestingModule({ imports: [CatalogModule.forRoot(config, quietLogger)] }).compile();
    await app.init();
    [store, commands] = [app.get(MongoEventStore), app.get(MosaicCommands)];
    [mosaics, images] = [app.get(MosaicsRepository), app.get(ImagesRepository)];
  });
  afterAll(async () => {
    await app.get<Db>(MONGO_DB).dropDatabase();
    await app.close();
  });

  async function aMosaic(): Promise<string> {
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
  /** Commits events as a command would, but the views never hear of it: the crashed inline apply. */
  async function commitUnapplied(mosaicId: string, event: NewEvent): Promise<Envelope> {
    const head = (await store.readStream(mosaicId)).at(-1)?.version ?? 0;
    const metadata = { correlationId: randomUUID(), causationId: null, actor: owner };
    const commit = await store.append({
      streamId: mosaicId,
      streamType: 'Mosaic',
      expectedVersion: head,
      events: [event],
      metadata,
    });
    return commit.events[0];
  }
  const deliver = (event: Envelope) => app.get(CatalogViewsConsumer).onCatalogEvent(event);
  const accepted = (mosaicId: string, image = aValidatedImage()): NewEvent => ({
    type: 'catalog.ImageAccepted',
    data: { mosaicId, ownerId: owner, ...image, acceptedAt: new Date().toISOString() },
  });

  it('the next inline apply brings in the event whose own inline apply failed', async () => {
    const mosaicId = await aMosaic();
    await commitUnapplied(mosaicId, {
      type: 'catalog.MosaicRenamed',
      data: { mosaicId, name: 'Renamed', renamedAt: new Date().toISOString() },
    });
    await commands.execute({ type: 'RetagMosaic', mosaicId, ownerId: owner, tags: ['b'], now: new Date() });

    expect(await mosaics.findOwned(owner, mosaicId)).toMatchObject({ name: 'Renamed', tags: ['b'], version: 3 });
    // Kafka then delivers both, in order: each was applied already and changes nothing.
    const before = await mosaics.findOwned(owner, mosaicId);
    for (const event of await store.readStream(mosaicId)) expect(await deliver(event)).toBe('skipped-duplicate');
    expect(await mosaics.findOwned(owner, mosaicId)).toEqual(before);
  });

  it('the consumer given event N+1 fills in event N that no view applied, and N arriving late changes nothing', async () => {
    const mosaicId = await aMosaic();
    const image = aValidatedImage();
    const accept = await commitUnapplied(mosaicId, accepted(mosaicId, image));
    const rename = await commitUnapplied(mosaicId, {
      type: 'catalog.ImageRenamed',
      data: { mosaicId, imageId: image.imageId, filename: 'renamed.tif', renamedAt: new Date().toISOString() },
    });

    expect(await deliver(rename)).toBe('applied');
    expect(await images.findOwned(owner, image.imageId)).toMatchObject({ filename: 'renamed.tif', version: 3 });
    expect(toMosaicResponse((await mosaics.findOwned(owner, mosaicId))!)).toMatchObject({
      image_count: 1,
      sizeInBytes: image.fileSize,
    });
    expect(await app.get(UploadOutcomesRepository).findOwned(owner, image.uploadId)).toMatchObject({
      status: 'ACCEPTED',
    });

    expect(await deliver(accept)).toBe('skipped-duplicate');
    expect(await images.findOwned(owner, image.imageId)).toMatchObject({ filename: 'renamed.tif', version: 3 });
  });

  it('a deleted mosaic and its images never come back when older events are delivered again', async () => {
    const mosaicId = await aMosaic();
    const image = aValidatedImage();
    await commitUnapplied(mosaicId, accepted(mosaicId, image));
    await commands.execute({ type: 'DeleteMosaic', mosaicId, ownerId: owner, now: new Date() });

    const events = await store.readStream(mosaicId);
    const stillGone = async () => {
      expect(await mosaics.findOwned(owner, mosaicId)).toBeNull();
      expect(await images.findOwned(owner, image.imageId)).toBeNull();
      expect(await images.listOfMosaic(mosaicId)).toEqual([]);
      expect((await mosaics.listByOwner(owner)).map((m) => m._id)).not.toContain(mosaicId);
    };
    // The acceptance alone, as Kafka delivers it after the delete was applied inline.
    await deliver(events.find((e) => e.type === 'catalog.ImageAccepted')!);
    await stillGone();
    for (const event of [...events, ...[...events].reverse()]) await deliver(event);
    await stillGone();
  });

  it('an apply that fails half-way fails the command; the next delivery completes it, each effect once', async () => {
    const mosaicId = await aMosaic();
    const image = aValidatedImage();
    const outcomes = app.get(UploadOutcomesRepository);
    jest.spyOn(outcomes, 'save').mockRejectedValueOnce(new Error('connection reset'));
    const attach = { type: 'AttachImage', mosaicId, ownerId: owner, image, now: new Date() } as const;
    await expect(commands.execute(attach)).rejects.toThrow('connection reset');
    expect(await images.findOwned(owner, image.imageId)).toMatchObject({ version: 2 }); // written before the failure

    const [, accept] = await store.readStream(mosaicId);
    expect(await deliver(accept)).toBe('applied');
    expect(await outcomes.findOwned(owner, image.uploadId)).toMatchObject({ status: 'ACCEPTED', version: 2 });
    expect(toMosaicResponse((await mosaics.findOwned(owner, mosaicId))!)).toMatchObject({ image_count: 1 });
    expect(await images.listOfMosaic(mosaicId)).toHaveLength(1);
  });

  it('an event the store does not hold is never marked applied: the consumer is told to retry it', async () => {
    const [created] = await store.readStream(await aMosaic());
    const ahead = { ...created, streamId: randomUUID(), eventId: randomUUID() };
    await expect(deliver(ahead)).rejects.toBeInstanceOf(EventNotInStore);
    await expect(deliver({ ...created, version: 2 })).rejects.toBeInstanceOf(EventNotInStore);
  });

  // Previews events come from another service's stream, so no store to fill a gap from; none is
  // needed: each one the catalog shows replaces the whole row, so the newest version is right
  // whether or not an older one was seen, and an older one never overwrites it.
  it('a preview outcome shows the newest version, whatever order its events arrive in', async () => {
    const image = aValidatedImage();
    const mosaicId = await aMosaic();
    await commands.execute({ type: 'AttachImage', mosaicId, ownerId: owner, image, now: new Date() });
    const ref = { imageId: image.imageId, mosaicId, ownerId: owner };
    const preview = (type: string, version: number, data: object) =>
      ({ type, version, streamId: image.imageId, data: { ...ref, ...data } }) as unknown as Envelope;
    const failed = preview('previews.PreviewFailed', 2, { reason: 'incorrect header check', attempts: 3 });
    const ready = preview('previews.PreviewReady', 3, { bands: { shown: [1, 2, 3], alpha: null } });
    const previews = app.get(ImagePreviewsConsumer);

    expect(await previews.onPreviewOutcome(ready)).toBe('applied');
    expect(await previews.onPreviewOutcome(failed)).toBe('skipped-duplicate');
    expect(await previews.onPreviewOutcome(ready)).toBe('skipped-duplicate');
    expect((await images.findOwned(owner, image.imageId))?.preview).toEqual({
      status: 'READY',
      bands: [1, 2, 3],
      alphaBand: null,
      reason: null,
    });
  });
});
