import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError } from '@hub/http';
import type { Principal } from '../auth/principal';
import type { Role } from '../auth/role';
import { CoordinatorAccountRepository } from './coordinator-account.repository';

export class CoordinatorNotFoundError extends DomainError {
  readonly status = HttpStatus.NOT_FOUND;
  constructor() {
    super('coordinator: no such coordinator in this network', 'coordinator_not_found');
  }
}

/** A network must keep an owner, or nobody could manage its coordinators and settings again. */
export class LastOwnerError extends DomainError {
  readonly status = HttpStatus.CONFLICT;
  constructor() {
    super('role: this is the network’s last owner; make someone else owner first', 'last_owner');
  }
}

export interface CoordinatorView {
  id: string;
  email: string;
  name: string;
  role: Role;
  lastSignInAt: Date | null;
}

@Injectable()
export class CoordinatorsService {
  constructor(private readonly accounts: CoordinatorAccountRepository) {}

  async list(principal: Principal): Promise<CoordinatorView[]> {
    const accounts = await this.accounts.inNetwork(principal.networkId);
    return accounts.map((a) => ({ id: a._id, email: a.email, name: a.name, role: a.roles[principal.networkId], lastSignInAt: a.lastSignInAt }));
  }

  async changeRole(principal: Principal, accountId: string, role: Role): Promise<CoordinatorView> {
    const account = await this.accounts.findById(accountId);
    const current = account?.roles[principal.networkId];
    if (!account || !current) throw new CoordinatorNotFoundError();
    if (current === 'owner' && role !== 'owner') await this.assertAnotherOwner(principal.networkId, accountId);
    await this.accounts.setRole(accountId, principal.networkId, role);
    return { id: account._id, email: account.email, name: account.name, role, lastSignInAt: account.lastSignInAt };
  }

  async remove(principal: Principal, accountId: string): Promise<void> {
    const account = await this.accounts.findById(accountId);
    const current = account?.roles[principal.networkId];
    if (!account || !current) throw new CoordinatorNotFoundError();
    if (current === 'owner') await this.assertAnotherOwner(principal.networkId, accountId);
    await this.accounts.removeRole(accountId, principal.networkId);
  }

  private async assertAnotherOwner(networkId: string, leaving: string): Promise<void> {
    const owners = (await this.accounts.inNetwork(networkId)).filter((a) => a.roles[networkId] === 'owner' && a._id !== leaving);
    if (owners.length === 0) throw new LastOwnerError();
  }
}
