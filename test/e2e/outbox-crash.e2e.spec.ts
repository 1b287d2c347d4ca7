import { TOPICS } from '@mi/contracts';
import { api, eventually, freePort, readTopic, stackEnv, startPlatform, testKafka, type Platform } from '@mi/testing';
import { MongoClient } from 'mongodb';

/**
 * The promise of the outbox: a command the service acknowledged is published exactly when it
 * can be, even if the process dies between the append and the publish.
 */
describe('a catalog killed between append and publish', () => {
  let platform: Platform;
  const mongo = new MongoClient(stackEnv.mongoUrl);

  beforeAll(async () => {
    platform = await startPlatform('e2e-crash');
  });
  afterAll(async () => {
    await platform?.stop();
    await mongo.close();
  });

  it('publishes the commit after restart and lists the mosaic exactly once', async () => {
    const call = api(platform);
    const commits = mongo.db(platform.catalogDatabase).collection('commits');

    // Kafka unreachable for this catalog: its appends succeed, its publishes cannot.
    await platform.stop();
    await platform.start('catalog', { KAFKA_BROKERS: `127.0.0.1:${await freePort()}` }, false);
    await eventually(async () => (await fetch(`${platform.service('catalog').url}/health/live`)).ok);
    await platform.start('gateway');

    const created = await call('POST', '/rasters/mosaic', { name: 'Survives a crash' });
    expect(created.status).toBe(200);
    const mosaicId: string = created.json.id;
    expect(await commits.countDocuments({ streamId: mosaicId, published: false })).toBe(1);

    await platform.kill('catalog'); // kill -9, with the commit still in the outbox
    await platform.start('catalog'); // now with the real Kafka

    await eventually(async () => (await commits.countDocuments({ streamId: mosaicId, published: true })) === 1);
    // A marker on the same stream (same key, so the same partition, after every copy of version
    // 1 published so far): reading up to it sees any duplicate the restart may have sent.
    expect((await call('PUT', `/rasters/mosaic/${mosaicId}`, { name: 'Marker' })).status).toBe(200);
    const ofMosaic = (all: { key: string; value: string }[]) =>
      all.filter((m) => m.key === mosaicId).map((m) => JSON.parse(m.value) as { type: string; version: number });
    const messages = await readTopic(testKafka(), platform.topic(TOPICS.catalogEvents), (all) =>
      ofMosaic(all).some((e) => e.version === 2),
    );
    const events = ofMosaic(messages);
    expect(events.filter((e) => e.version === 1)).toEqual([
      expect.objectContaining({ type: 'catalog.MosaicCreated', streamId: mosaicId, version: 1 }),
    ]);
    expect(events.findIndex((e) => e.version === 1)).toBeLessThan(events.findIndex((e) => e.version === 2));

    const listed = await call('GET', '/rasters/mosaic');
    expect(listed.json.filter((m: { id: string }) => m.id === mosaicId)).toHaveLength(1);
  });
});
