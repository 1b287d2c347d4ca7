import { Test } from '@nestjs/testing';
import { createKafka } from '@mi/messaging';
import { quietLogger, stackEnv, uniqueName } from '@mi/testing';
import { EventSourcingModule } from './event-sourcing.module';

describe('the event-sourcing lifecycle on Kafka and FerretDB', () => {
  it('finishes its topic check before close returns, so nothing uses Kafka after the app is gone', async () => {
    const topics = [uniqueName('lifecycle-events'), uniqueName('lifecycle-consumed')];
    const app = await Test.createTestingModule({
      imports: [
        EventSourcingModule.forRoot({
          service: 'lifecycle-test',
          mongoUrl: stackEnv.mongoUrl,
          database: uniqueName('lifecycle').replace(/-/g, '_'),
          kafkaBrokers: stackEnv.kafkaBrokers,
          eventsTopic: topics[0],
          topics,
          outboxSweepMs: 60000,
          logger: quietLogger,
        }),
      ],
    }).compile();
    await app.init();
    await app.close();

    const admin = createKafka('lifecycle-probe', stackEnv.kafkaBrokers, quietLogger).admin();
    await admin.connect();
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics });
      expect(found.map((t) => t.name).sort()).toEqual([...topics].sort());
      for (const topic of found) {
        expect(topic.partitions.every((p) => p.leader >= 0)).toBe(true);
      }
    } finally {
      await admin.disconnect();
    }
  });
});
