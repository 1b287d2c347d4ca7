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
    const messages = await readTopic(testKafka(), platform.topic(TOPICS.catalogEvents), 1);
    expect(messages.filter((m) => m.key === mosaicId)).toHaveLength(1);
    expect(JSON.parse(messages[0].value)).toMatchObject({
      type: 'catalog.MosaicCreated',
      streamId: mosaicId,
      version: 1,
    });

    const listed = await call('GET', '/rasters/mosaic');
    expect(listed.json.filter((m: { id: string }) => m.id === mosaicId)).toHaveLength(1);
  });
});
