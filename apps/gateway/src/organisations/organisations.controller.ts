import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ZodValidationPipe } from '@hub/http';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';
import { MembershipsService } from './memberships.service';
import {
  AddMembership,
  addMembershipSchema,
  MembershipView,
  OrganisationSearchQuery,
  organisationSearchQuerySchema,
  OrganisationView,
  organisationView,
  UpdateMembership,
  updateMembershipSchema,
} from './organisations.dto';
import { OrganisationsService } from './organisations.service';

/** The coordinator API of member organisations. The network is the principal's, never one named in the request. */
@ApiTags('member organisations')
@Controller('api/v1')
export class OrganisationsController {
  constructor(
    private readonly memberships: MembershipsService,
    private readonly organisations: OrganisationsService,
  ) {}

  @Get('memberships')
  @RequireRole('viewer')
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: MembershipView[] }> {
    return { items: await this.memberships.list(principal.networkId) };
  }

  @Post('memberships')
  @RequireRole('coordinator')
  @HttpCode(201)
  add(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(addMembershipSchema)) body: AddMembership): Promise<MembershipView> {
    return this.memberships.add(principal.networkId, body);
  }

  @Patch('memberships/:id')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('id') id: string,
    @Body(new ZodValidationPipe(updateMembershipSchema)) body: UpdateMembership,
  ): Promise<MembershipView> {
    return this.memberships.update(principal.networkId, id, body);
  }

  @Delete('memberships/:id')
  @RequireRole('coordinator')
  @HttpCode(204)
  async remove(@CurrentPrincipal() principal: Principal, @Param('id') id: string): Promise<void> {
    await this.memberships.remove(principal.networkId, id);
  }

  /** Organisations, whichever networks they are in, to pick one when adding a membership; without `q`, all of them. */
  @Get('organisations')
  @RequireRole('viewer')
  async search(
    @Query(new ZodValidationPipe(organisationSearchQuerySchema)) { q }: OrganisationSearchQuery,
  ): Promise<{ query: string; results: OrganisationView[] }> {
    const organisations = q === undefined ? await this.organisations.listAll() : await this.organisations.search(q);
    return { query: q ?? '', results: organisations.map(organisationView) };
  }
}
