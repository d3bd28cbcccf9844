import { createHash, randomBytes } from 'node:crypto';

/**
 * Session ids, invitation links and API key secrets: 256 random bits, stored only as a SHA-256 hash. A slow hash
 * (argon2) protects low-entropy passwords; for random secrets a fast one suffices and keeps every request cheap.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}
