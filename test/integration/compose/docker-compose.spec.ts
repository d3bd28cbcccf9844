import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

const root = resolve(__dirname, '../../..');
const composeAvailable = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;

interface ComposeService {
  image?: string;
  build?: unknown;
  healthcheck?: { test: unknown };
  depends_on?: Record<string, { condition: string }>;
  environment?: Record<string, string>;
}

/** docker-compose.yml starts the same stack from official images, plus the five services, all health-checked. */
describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(resolve(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };

  (composeAvailable ? it : it.skip)('is valid for docker compose (docker compose config -q)', () => {
    const result = spawnSync('docker', ['compose', 'config', '-q'], { cwd: root, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('runs the stack from the official images, each with a health check', () => {
    expect(compose.services.kafka.image).toMatch(/^apache\/kafka:3\.9/);
    expect(compose.services.mongo.image).toMatch(/^mongo:/);
    expect(compose.services.redis.image).toMatch(/^redis:/);
    expect(compose.services.mailpit.image).toMatch(/^axllent\/mailpit:/);
    for (const name of ['kafka', 'mongo', 'redis', 'mailpit']) expect(compose.services[name].healthcheck?.test).toBeDefined();
    expect(String(compose.services.kafka.environment?.KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR)).toBe('1');
  });

  it.each(['gateway', 'audience', 'scheduling', 'campaigns', 'delivery'])('builds and health-checks %s after its dependencies are healthy', (name) => {
    const service = compose.services[name];
    expect(service.build).toBeDefined();
    expect(service.healthcheck?.test).toBeDefined();
    expect(Object.values(service.depends_on ?? {}).every((dependency) => dependency.condition === 'service_healthy')).toBe(true);
    // Inside a container, loopback (the services' default) is unreachable from the other containers.
    expect(service.environment?.HOST).toBe('0.0.0.0');
  });
});
