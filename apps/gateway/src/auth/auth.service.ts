import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import { PeriodicTask } from '@hub/runtime';
import type { GatewayConfig } from '../gateway.config';
import { ApiKeyRepository } from '../api-keys/api-key.repository';
import { CoordinatorAccountRepository } from '../coordinators/coordinator-account.repository';
import { CoordinatorAccount } from '../coordinators/coordinator-account.schema';
import { InvalidCredentialsError, NoRoleError, NotAMemberOfNetworkError, TooManyAttemptsError } from './auth.errors';
import { PasswordHasher } from './password.hasher';
import type { Principal } from './principal';
import { hashSecret, newSecret } from './secret-token';
import { SessionRepository } from './session.repository';

import { API_KEY_PREFIX } from '../api-keys/api-key-format';
const SWEEP_INTERVAL_MS = 15 * 60_000;
/** lastUsedAt is written at most this often per key, so an integration's every call is not also a write. */
const TOUCH_EVERY_MS = 60_000;

export interface StartedSession {
  /** Goes into the http-only cookie; never stored. */
  cookieValue: string;
  csrfToken: string;
  expiresAt: Date;
  account: CoordinatorAccount;
  networkId: string;
}

export interface Credentials {
  sessionCookie?: string;
  bearer?: string;
  csrfHeader?: string;
  /** GET, HEAD and OPTIONS change nothing and need no CSRF token. */
  unsafeMethod: boolean;
}

@Injectable()
export class AuthService implements OnApplicationBootstrap, OnModuleDestroy {
  private sweeper: PeriodicTask | undefined;

  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly accounts: CoordinatorAccountRepository,
    private readonly sessions: SessionRepository,
    private readonly apiKeys: ApiKeyRepository,
    private readonly passwords: PasswordHasher,
  ) {}

  onApplicationBootstrap(): void {
    this.sweeper = new PeriodicTask('SessionSweeper', SWEEP_INTERVAL_MS, () => this.sweep());
    this.sweeper.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.sweeper?.stop();
  }

  /**
   * Brute-force protection counts failures per (account, IP) and per IP, in a sliding window. An attacker can make
   * an owner wait only from the attacker's own addresses and only for the window; the owner's own address stays open.
   */
  async signIn(email: string, password: string, ip: string, networkId?: string, now = new Date()): Promise<StartedSession> {
    const windowStart = new Date(now.getTime() - this.config.SIGN_IN_WINDOW_MINUTES * 60_000);
    await this.refuseIfThrottled({ email, ip }, this.config.SIGN_IN_MAX_FAILURES_PER_ACCOUNT_AND_IP, windowStart, now);
    await this.refuseIfThrottled({ ip }, this.config.SIGN_IN_MAX_FAILURES_PER_IP, windowStart, now);

    const account = await this.accounts.findByEmail(email);
    if (!(await this.passwords.verify(account?.passwordHash ?? null, password)) || !account) {
      await this.sessions.recordFailure(email, ip, now);
      throw new InvalidCredentialsError();
    }
    await this.sessions.clearFailures(email, ip);
    const networks = Object.keys(account.roles);
    if (networks.length === 0) throw new NoRoleError();
    if (networkId && !account.roles[networkId]) throw new NotAMemberOfNetworkError();
    await this.accounts.recordSignIn(account._id, now);
    return this.startSession(account, networkId ?? networks[0], ip, now);
  }

  /** Also used right after an invitation is accepted: the link proved the address. */
  async startSession(account: CoordinatorAccount, networkId: string, ip: string | null, now = new Date()): Promise<StartedSession> {
    const cookieValue = newSecret();
    const csrfToken = newSecret();
    const expiresAt = new Date(now.getTime() + this.config.SESSION_TTL_HOURS * 3_600_000);
    await this.sessions.create({ _id: hashSecret(cookieValue), accountId: account._id, networkId, csrfToken, createdAt: now, expiresAt, ip });
    return { cookieValue, csrfToken, expiresAt, account, networkId };
  }

  async signOut(principal: Principal): Promise<void> {
    if (principal.kind === 'coordinator') await this.sessions.delete(principal.sessionId);
  }

  async switchNetwork(principal: Principal, networkId: string): Promise<void> {
    if (principal.kind !== 'coordinator') throw new NotAMemberOfNetworkError();
    const account = await this.accounts.findById(principal.accountId);
    if (!account?.roles[networkId]) throw new NotAMemberOfNetworkError();
    await this.sessions.switchNetwork(principal.sessionId, networkId);
  }

  /** The session's CSRF token, for server-rendered forms to carry back in a hidden field; none for API keys. */
  async csrfToken(principal: Principal, now = new Date()): Promise<string | undefined> {
    if (principal.kind !== 'coordinator') return undefined;
    return (await this.sessions.findLive(principal.sessionId, now))?.csrfToken;
  }

  /** Who is calling, or undefined. The role is read afresh each time, so a changed or removed role takes effect now. */
  async authenticate(credentials: Credentials, now = new Date()): Promise<Principal | undefined> {
    if (credentials.bearer?.startsWith(API_KEY_PREFIX)) return this.authenticateApiKey(credentials.bearer, now);
    if (!credentials.sessionCookie) return undefined;
    const sessionId = hashSecret(credentials.sessionCookie);
    const session = await this.sessions.findLive(sessionId, now);
    if (!session) return undefined;
    if (credentials.unsafeMethod && !sameSecret(credentials.csrfHeader, session.csrfToken)) return undefined;
    const account = await this.accounts.findById(session.accountId);
    const role = account?.roles[session.networkId];
    if (!account || !role) return undefined;
    return { kind: 'coordinator', accountId: account._id, email: account.email, networkId: session.networkId, role, sessionId };
  }

  private async authenticateApiKey(bearer: string, now: Date): Promise<Principal | undefined> {
    const [id, secret] = bearer.slice(API_KEY_PREFIX.length).split('_');
    if (!id || !secret) return undefined;
    const key = await this.apiKeys.findById(id);
    if (!key || key.revokedAt || !sameSecret(hashSecret(secret), key.secretHash)) return undefined;
    if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > TOUCH_EVERY_MS) await this.apiKeys.touch(key._id, now);
    return { kind: 'api-key', keyId: key._id, name: key.name, networkId: key.networkId, role: key.role };
  }

  private async refuseIfThrottled(filter: { email?: string; ip: string }, max: number, since: Date, now: Date): Promise<void> {
    if ((await this.sessions.countFailures(filter, since)) < max) return;
    const oldest = await this.sessions.oldestFailure(filter, since);
    const retryAfter = oldest ? (oldest.at.getTime() + this.config.SIGN_IN_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000 : 60;
    throw new TooManyAttemptsError(Math.max(1, Math.ceil(retryAfter)));
  }

  /** FerretDB has no TTL indexes: expired sessions and day-old sign-in failures are deleted here. */
  private async sweep(): Promise<void> {
    const now = new Date();
    await this.sessions.deleteExpired(now, new Date(now.getTime() - 24 * 3_600_000));
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
