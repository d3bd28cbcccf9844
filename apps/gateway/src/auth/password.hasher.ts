import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/** Algorithm.Argon2id in @node-rs/argon2 (a const enum, which isolated-module builds cannot inline). */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's minimum parameters (19 MiB, 2 passes): memory-hard, so guessing offline on GPUs is slow.
 * @node-rs/argon2 is a maintained Rust binding shipped as prebuilt binaries (no node-gyp, no install scripts).
 */
@Injectable()
export class PasswordHasher {
  private readonly options = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };
  /** Verified against when the account does not exist, so the answer takes as long either way. */
  private readonly decoy = hash('decoy-password-for-unknown-accounts', this.options);

  hash(password: string): Promise<string> {
    return hash(password, this.options);
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    const ok = await verify(passwordHash ?? (await this.decoy), password).catch(() => false);
    return passwordHash !== null && ok;
  }
}
