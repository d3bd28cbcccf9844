import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ContactExport,
  ContactFilter,
  contactFilterSchema,
  ContactPage,
  ContactView,
  CreateContact,
  createContactSchema,
  UpdateContact,
  updateContactSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';

/** The caller's network's contacts; audience owns them, the network comes from the principal only. */
@ApiTags('contacts')
@Controller('api/v1/contacts')
export class ContactsController {
  constructor(private readonly audience: AudienceClient) {}

  /** Filter by list (and status on it), language and text (address or name); cursor pagination with a total. */
  @Get()
  @RequireRole('viewer')
  list(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(contactFilterSchema)) filter: ContactFilter): Promise<ContactPage> {
    return this.audience.contacts(principal.networkId, filter);
  }

  /** With a consentBasis, lists in single opt-in mode are confirmed at once; the others get a double opt-in email. */
  @Post()
  @RequireRole('coordinator')
  create(
    @CurrentPrincipal() principal: Principal,
    @Body(new ZodValidationPipe(createContactSchema)) body: CreateContact,
    @Ip() ip: string,
  ): Promise<ContactView> {
    return this.audience.createContact(principal.networkId, body, { method: 'coordinator', wordingId: 'coordinator-entry/v1', ip });
  }

  @Get(':contactId')
  @RequireRole('viewer')
  get(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.audience.contact(principal.networkId, contactId);
  }

  @Patch(':contactId')
  @RequireRole('coordinator')
  update(
    @CurrentPrincipal() principal: Principal,
    @Param('contactId') contactId: string,
    @Body(new ZodValidationPipe(updateContactSchema)) body: UpdateContact,
  ): Promise<ContactView> {
    return this.audience.updateContact(principal.networkId, contactId, body);
  }

  /** Suppresses the address and takes it off every list. */
  @Post(':contactId/block')
  @RequireRole('coordinator')
  @HttpCode(200)
  block(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.audience.blockContact(principal.networkId, contactId);
  }

  @Delete(':contactId/block')
  @RequireRole('coordinator')
  unblock(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.audience.unblockContact(principal.networkId, contactId);
  }

  /** GDPR access: everything audience holds about the person, consent log included. */
  @Get(':contactId/export')
  @RequireRole('coordinator')
  export(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string): Promise<ContactExport> {
    return this.audience.exportContact(principal.networkId, contactId);
  }

  /** GDPR erasure (also "remove"): only a hash of the address stays, to prove the opt-out. */
  @Delete(':contactId')
  @RequireRole('coordinator')
  @HttpCode(204)
  async erase(@CurrentPrincipal() principal: Principal, @Param('contactId') contactId: string): Promise<void> {
    await this.audience.eraseContact(principal.networkId, contactId);
  }
}
