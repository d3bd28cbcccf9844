import { HttpStatus, Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DomainError } from '@hub/http';
import { API_KEY_PREFIX } from './api-key-format';
import { actorOf, Principal } from '../auth/principal';
import { hashSecret, newSecret } from '../auth/secret-token';
import { ApiKeyRepository } from './api-key.repository';
import type { ApiKey } from './api-key.schema';
import type { CreateApiKey } from './api-keys.dto';

export class ApiKeyNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('api key: no such active key', 'api_key_not_found');
  }
}

export type ApiKeyView = Pick<ApiKey, '_id' | 'name' | 'role' | 'createdBy' | 'createdAt' | 'lastUsedAt' | 'revokedAt'>;

@Injectable()
export class ApiKeysService {
  constructor(private readonly keys: ApiKeyRepository) {}

  /** The whole key is in this answer only; afterwards only its id and metadata can be seen. */
  async create(principal: Principal, request: CreateApiKey, now = new Date()): Promise<ApiKeyView & { key: string }> {
    const id = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
    const secret = newSecret().replace(/[-_]/g, 'x');
    const key: ApiKey = {
      _id: id,
      networkId: principal.networkId,
      name: request.name,
      role: request.role,
      secretHash: hashSecret(secret),
      createdBy: actorOf(principal).label,
      createdAt: now,
      lastUsedAt: null,
      revokedAt: null,
    };
    await this.keys.create(key);
    return { ...view(key), key: `${API_KEY_PREFIX}${id}_${secret}` };
  }

  async list(principal: Principal): Promise<ApiKeyView[]> {
    return (await this.keys.listInNetwork(principal.networkId)).map(view);
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    if (!(await this.keys.revoke(principal.networkId, id, new Date()))) throw new ApiKeyNotFoundError();
  }
}

function view({ _id, name, role, createdBy, createdAt, lastUsedAt, revokedAt }: ApiKey): ApiKeyView {
  return { _id, name, role, createdBy, createdAt, lastUsedAt, revokedAt };
}
