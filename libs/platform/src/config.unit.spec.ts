import { z } from 'zod';
import { BaseConfigSchema, ConfigError, loadConfig } from './config';

const Schema = BaseConfigSchema.extend({ PORT: z.coerce.number().int().positive(), MONGO_URL: z.string().min(1) });

describe('loadConfig', () => {
  it('reads, converts and defaults the variables', () => {
    const config = loadConfig(Schema, { KAFKA_BROKERS: 'a:1, b:2', PORT: '3101', MONGO_URL: 'mongodb://x' });
    expect(config).toMatchObject({ KAFKA_BROKERS: ['a:1', 'b:2'], PORT: 3101, HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  });

  it('fails at start-up naming every missing or bad variable', () => {
    expect(() => loadConfig(Schema, { PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig(Schema, { PORT: 'eighty' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['KAFKA_BROKERS', 'PORT', 'MONGO_URL']) expect(message).toContain(name);
    }
  });
});
