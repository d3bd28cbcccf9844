import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG } from '@hub/config';
import { EventFactory } from '@hub/messaging';
import type { GatewayConfig } from '../gateway.config';
import { AuthService, StartedSession } from '../auth/auth.service';
import { PasswordHasher } from '../auth/password.hasher';
import { actorOf, Principal } from '../auth/principal';
import { hashSecret, newSecret } from '../auth/secret-token';
import { CoordinatorAccountRepository } from '../coordinators/coordinator-account.repository';
import { NetworksService } from '../networks/networks.service';
import { InvitationLinkInvalidError, InvitationNotFoundError, PasswordRequiredError } from './invitation.errors';
import { InvitationRepository } from './invitation.repository';
import { Invitation } from './invitation.schema';
import type { AcceptInvitation, CreateInvitation } from './invitations.dto';

export type InvitationView = Pick<Invitation, '_id' | 'email' | 'role' | 'invitedBy' | 'createdAt' | 'expiresAt' | 'acceptedAt' | 'revokedAt'>;

@Injectable()
export class InvitationsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: GatewayConfig,
    private readonly invitations: InvitationRepository,
    private readonly accounts: CoordinatorAccountRepository,
    private readonly networks: NetworksService,
    private readonly passwords: PasswordHasher,
    private readonly auth: AuthService,
    private readonly events: EventFactory,
  ) {}

  /** Stores the invitation with the event that makes delivery send the link; the secret itself is not stored. */
  async invite(principal: Principal, request: CreateInvitation, now = new Date()): Promise<InvitationView> {
    const network = await this.networks.byId(principal.networkId);
    const token = newSecret();
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + this.config.INVITATION_TTL_HOURS * 3_600_000);
    const invitedBy = actorOf(principal).label;
    const event = this.events.create('gateway.coordinator.invited', {
      networkId: network._id,
      key: id,
      payload: {
        invitationId: id,
        email: request.email,
        role: request.role,
        networkName: network.name,
        language: network.defaultLanguage,
        invitedBy,
        acceptToken: token,
        expiresAt: expiresAt.toISOString(),
      },
    });
    const invitation: Invitation = {
      _id: id,
      networkId: network._id,
      email: request.email,
      role: request.role,
      tokenHash: hashSecret(token),
      invitedBy,
      createdAt: now,
      expiresAt,
      acceptedAt: null,
      revokedAt: null,
      outbox: [event],
    };
    await this.invitations.create(invitation);
    return view(invitation);
  }

  async list(principal: Principal): Promise<InvitationView[]> {
    return (await this.invitations.listInNetwork(principal.networkId)).map(view);
  }

  async revoke(principal: Principal, id: string): Promise<void> {
    if (!(await this.invitations.revoke(principal.networkId, id, new Date()))) throw new InvitationNotFoundError();
  }

  /** What the accept page shows before the person decides; nothing for a link that is not valid. */
  async preview(token: string, now = new Date()): Promise<{ networkName: string; email: string; role: string; hasAccount: boolean }> {
    const invitation = await this.openInvitation(token, now);
    const network = await this.networks.byId(invitation.networkId);
    const account = await this.accounts.findByEmail(invitation.email);
    return { networkName: network.name, email: invitation.email, role: invitation.role, hasAccount: account !== null };
  }

  /**
   * The link proves the address: an existing account gains the role; a new address gets an account with the name
   * and password given. Exactly one acceptance per link wins, however many race.
   */
  async accept(request: AcceptInvitation, ip: string | null, now = new Date()): Promise<StartedSession> {
    const invitation = await this.openInvitation(request.token, now);
    let account = await this.accounts.findByEmail(invitation.email);
    if (!account && (!request.password || !request.name)) throw new PasswordRequiredError();
    if (!(await this.invitations.claimAcceptance(invitation._id, now))) throw new InvitationLinkInvalidError();
    account ??= await this.accounts.create({
      email: invitation.email,
      name: request.name!,
      passwordHash: await this.passwords.hash(request.password!),
      roles: {},
    });
    await this.accounts.setRole(account._id, invitation.networkId, invitation.role);
    const withRole = (await this.accounts.findById(account._id))!;
    return this.auth.startSession(withRole, invitation.networkId, ip, now);
  }

  private async openInvitation(token: string, now: Date): Promise<Invitation> {
    const invitation = await this.invitations.findByTokenHash(hashSecret(token));
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) throw new InvitationLinkInvalidError();
    return invitation;
  }
}

function view({ _id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt }: Invitation): InvitationView {
  return { _id, email, role, invitedBy, createdAt, expiresAt, acceptedAt, revokedAt };
}
