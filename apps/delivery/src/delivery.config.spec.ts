import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigValidationError, loadConfig } from '@hub/config';
import { deliveryConfigSchema } from './delivery.config';
import { dkimSigning } from './smtp/dkim';

const base = {
  MONGO_URL: 'mongodb://127.0.0.1:27017',
  KAFKA_BROKERS: '127.0.0.1:9092',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  PUBLIC_BASE_URL: 'http://hub.test',
  INTERNAL_API_SECRET: 'an-internal-api-secret-of-32-characters',
};

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(deliveryConfigSchema, { ...base, ...env });
    return [];
  } catch (error) {
    if (error instanceof ConfigValidationError) return error.problems;
    throw error;
  }
};

describe('DKIM configuration', () => {
  const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

  it('is off when nothing is set', () => {
    expect(dkimSigning(loadConfig(deliveryConfigSchema, base))).toBeUndefined();
  });

  it('reads the key from the variable (with escaped newlines) or from a file', () => {
    const fromVariable = loadConfig(deliveryConfigSchema, { ...base, DKIM_DOMAIN: 'hub.test', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') });
    expect(dkimSigning(fromVariable)).toEqual({ domainName: 'hub.test', keySelector: 's1', privateKey: pem });
    const file = join(mkdtempSync(join(tmpdir(), 'dkim-')), 'key.pem');
    writeFileSync(file, pem);
    const fromFile = loadConfig(deliveryConfigSchema, { ...base, DKIM_DOMAIN: 'hub.test', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: file });
    expect(dkimSigning(fromFile)?.privateKey).toBe(pem);
  });

  it('names what is missing or unusable at start-up', () => {
    expect(problemsOf({ DKIM_DOMAIN: 'hub.test' })).toEqual(expect.arrayContaining([expect.stringMatching(/^DKIM_SELECTOR: is required/)]));
    expect(problemsOf({ DKIM_DOMAIN: 'hub.test', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not a key' })).toEqual([expect.stringMatching(/^DKIM_PRIVATE_KEY: is not a usable private key/)]);
    expect(problemsOf({ DKIM_DOMAIN: 'hub.test', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: '/nonexistent/key.pem' })).toEqual([
      expect.stringMatching(/^DKIM_PRIVATE_KEY_FILE: is not a usable private key/),
    ]);
  });
});

describe('bounce configuration', () => {
  it('needs a signing secret with a bounce domain', () => {
    expect(problemsOf({ BOUNCE_DOMAIN: 'bounces.hub.test' })).toEqual(['BOUNCE_SIGNING_SECRET: is required when BOUNCE_DOMAIN is set']);
    expect(problemsOf({ BOUNCE_DOMAIN: 'bounces.hub.test', BOUNCE_SIGNING_SECRET: 'short' })).toEqual([expect.stringMatching(/^BOUNCE_SIGNING_SECRET: must be at least 32/)]);
    expect(problemsOf({ BOUNCE_DOMAIN: 'not a domain', BOUNCE_SIGNING_SECRET: 'a-bounce-signing-secret-of-32-characters' })).toEqual([expect.stringMatching(/^BOUNCE_DOMAIN: /)]);
    expect(loadConfig(deliveryConfigSchema, { ...base, BOUNCE_DOMAIN: 'Bounces.Hub.Test', BOUNCE_SIGNING_SECRET: 'a-bounce-signing-secret-of-32-characters' })).toMatchObject({
      BOUNCE_DOMAIN: 'bounces.hub.test',
      BOUNCE_SMTP_PORT: 2525,
      SOFT_BOUNCE_LIMIT: 3,
    });
  });
});
