import path from 'node:path';
import { ConfigError, loadConfig } from '@mi/platform';
import { AdminConfigSchema } from './admin.config';

const stack = { KAFKA_BROKERS: '127.0.0.1:19092', MONGO_URL: 'mongodb://127.0.0.1:27018' };

describe('admin CLI configuration', () => {
  it("needs only Kafka and MongoDB: none of the gateway's HTTP settings", () => {
    expect(loadConfig(AdminConfigSchema, stack)).toEqual({
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      KAFKA_BROKERS: ['127.0.0.1:19092'],
      KAFKA_TOPIC_PREFIX: '',
      MONGO_URL: 'mongodb://127.0.0.1:27018',
      MONGO_DATABASE: 'gateway',
      OUTBOX_SWEEP_MS: 2000,
      PLANS_FILE: path.resolve(__dirname, '../../../../config/plans.json'),
    });
  });

  it('takes the same variables the gateway takes', () => {
    const config = loadConfig(AdminConfigSchema, {
      ...stack,
      LOG_LEVEL: 'debug',
      MONGO_DATABASE: 'gw',
      KAFKA_TOPIC_PREFIX: 'ns.',
      PLANS_FILE: '/etc/mi/plans.json',
    });
    expect(config).toMatchObject({ LOG_LEVEL: 'debug', MONGO_DATABASE: 'gw', KAFKA_TOPIC_PREFIX: 'ns.' });
    expect(config.PLANS_FILE).toBe('/etc/mi/plans.json');
  });

  it('names a missing MONGO_URL', () => {
    expect(() => loadConfig(AdminConfigSchema, { KAFKA_BROKERS: 'k:9092' })).toThrow(ConfigError);
    expect(() => loadConfig(AdminConfigSchema, { KAFKA_BROKERS: 'k:9092' })).toThrow('MONGO_URL');
  });
});
