import { z } from 'zod';
import { ConfigValidationError } from './config-validation.error';
import { kafkaEnv, mongoEnv } from './env-fragments';
import { loadConfig } from './load-config';

const schema = z.object({ ...mongoEnv.shape, ...kafkaEnv.shape });

describe('loadConfig', () => {
  it('parses and applies defaults', () => {
    const config = loadConfig(schema, { MONGO_URL: 'mongodb://127.0.0.1:27017', KAFKA_BROKERS: 'a:9092, b:9092' });
    expect(config.KAFKA_BROKERS).toEqual(['a:9092', 'b:9092']);
    expect(config.MONGO_DB_PREFIX).toBe('hub_');
    expect(config.KAFKA_HANDLER_ATTEMPTS).toBe(4);
  });

  it('names every bad variable at once', () => {
    let thrown: unknown;
    try {
      loadConfig(schema, { MONGO_URL: 'http://nope', KAFKA_HANDLER_ATTEMPTS: 'many' });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigValidationError);
    const problems = (thrown as ConfigValidationError).problems.join('\n');
    expect(problems).toMatch(/^MONGO_URL: must be a mongodb:\/\/ URL/m);
    expect(problems).toMatch(/^KAFKA_BROKERS: is required/m);
    expect(problems).toMatch(/^KAFKA_HANDLER_ATTEMPTS: /m);
  });
});
