import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Test, type TestingModule } from '@nestjs/testing';
import { EventSourcingModule, MONGO_DB, MongoEventStore } from '@mi/eventstore';
import { BLOB_STORE, type BlobStore } from '@mi/storage';
import { quietLogger, stackEnv, TEST_SERVICE_TOKEN_SECRET, uniqueName } from '@mi/testing';
import type { Db } from 'mongodb';
import { BlobStoreModule } from '@mi/storage';
import { INGEST_CONFIG, IngestConfigSchema } from '../ingest.config';
import { UploadCommands } from '../receive-upload/upload-commands.service';
import { keyOf } from '../receive-upload/upload-pipeline.service';
import { StaleUploadsSweep } from './stale-uploads.sweep';
import { UploadsRepository } from './uploads.repository';

describe('the stale-upload sweep on FerretDB and the GCS emulator', () => {
  let app: TestingModule;
  const config = IngestConfigSchema.parse({
    KAFKA_BROKERS: stackEnv.kafkaBrokers.join(','),
    MONGO_URL: stackEnv.mongoUrl,
    GCS_API_ENDPOINT: stackEnv.gcsApiEndpoint,
    GCS_BUCKET: uniqueName('sweep'),
    STALE_UPLOAD_MS: '60000',
    SERVICE_TOKEN_SECRET: TEST_SERVICE_TOKEN_SECRET,
  });

  beforeAll(async () => {
    const topic = uniqueName('ingest-events');
    app = await Test.createTestingModule({
      imports: [
        BlobStoreModule.forRoot({
          bucket: config.GCS_BUCKET,
          projectId: config.GCS_PROJECT_ID,
          apiEndpoint: config.GCS_API_ENDPOINT,
        }),
        EventSourcingModule.forRoot({
          service: 'ingest-test',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('ingest').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topic,
          topics: [topic],
          outboxSweepMs: 60000,
          logger: quietLogger,
        }),
      ],
      providers: [{ provide: INGEST_CONFIG, useValue: config }, UploadsRepository, UploadCommands, StaleUploadsSweep],
    }).compile();
    await app.init();
  });
  afterAll(async () => {
    await app.get<BlobStore>(BLOB_STORE).deletePrefix('images/');
    await app.get<Db>(MONGO_DB).dropDatabase();
    await app.close();
  });

  async function anUploadCutOffAfter(stage: 'started' | 'stored') {
    const uploadId = randomUUID();
    const commands = app.get(UploadCommands);
    const ref = { uploadId, mosaicId: randomUUID(), ownerId: 'alice@example.com', filename: 'cut.tif' };
    await commands.execute(
      uploadId,
      { type: 'StartUpload', ...ref, source: 'upload', declaredBytes: null, now: new Date() },
      'test',
    );
    const blobs = app.get<BlobStore>(BLOB_STORE);
    await blobs.write(keyOf(uploadId), Readable.from([Buffer.from('partial bytes')]));
    if (stage === 'stored') {
      const stored = { storageUri: blobs.uri(keyOf(uploadId)), fileSize: 13, checksum: 'x', now: new Date() };
      await commands.execute(uploadId, { type: 'RecordStored', ...stored }, 'test');
    }
    return uploadId;
  }

  it('ends uploads a crash cut off, deleting their bytes, and leaves recent ones alone', async () => {
    const [started, stored] = [await anUploadCutOffAfter('started'), await anUploadCutOffAfter('stored')];
    const sweep = app.get(StaleUploadsSweep);
    const blobs = app.get<BlobStore>(BLOB_STORE);

    expect(await sweep.sweep(new Date())).toBe(0); // not stale yet: still possibly in flight
    expect(await blobs.stat(keyOf(started))).not.toBeNull();

    expect(await sweep.sweep(new Date(Date.now() + 120_000))).toBe(2);
    for (const uploadId of [started, stored]) {
      expect(await blobs.stat(keyOf(uploadId))).toBeNull();
      const events = await app.get(MongoEventStore).readStream(uploadId);
      expect(events.at(-1)).toMatchObject({ type: 'ingest.UploadRejected', data: { code: 'UploadAborted' } });
    }
    expect(await sweep.sweep(new Date(Date.now() + 120_000))).toBe(0); // ended uploads are not swept twice
  });
});
