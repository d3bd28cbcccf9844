import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVICES } from '../../../tools/hub/services.cjs';

const root = resolve(__dirname, '../../..');

/** Every service refuses to start on a bad environment, exits non-zero and names each bad variable. */
describe.each(SERVICES.map((service) => service.name))('%s started with a bad configuration', (name) => {
  it('exits with EX_CONFIG (78) and names the bad variables', () => {
    const result = spawnSync(process.execPath, [resolve(root, 'dist/apps', name, 'src/main.js')], {
      env: { PATH: process.env.PATH, MONGO_URL: 'http://not-mongo', KAFKA_BROKERS: '127.0.0.1:9092', PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain(`${name}: Invalid configuration`);
    expect(result.stderr).toMatch(/MONGO_URL: must be a mongodb:\/\/ URL/);
    expect(result.stderr).toMatch(/PORT: /);
  });
});
