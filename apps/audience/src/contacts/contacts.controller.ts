import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { z } from 'zod';
import {
  consentSourceSchema,
  ContactExport,
  ContactFilter,
  contactFilterSchema,
  ContactPage,
  ContactView,
  createContactSchema,
  UpdateContact,
  updateContactSchema,
} from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { ContactsService } from './contacts.service';

const internalCreateContactSchema = createContactSchema.extend({ source: consentSourceSchema.optional() });

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/contacts')
export class ContactsController {
  constructor(private readonly contacts: ContactsService) {}

  @Get()
  list(@Param('networkId') networkId: string, @Query(new ZodValidationPipe(contactFilterSchema)) filter: ContactFilter): Promise<ContactPage> {
    return this.contacts.list(networkId, filter);
  }

  @Post()
  create(
    @Param('networkId') networkId: string,
    @Body(new ZodValidationPipe(internalCreateContactSchema)) body: z.infer<typeof internalCreateContactSchema>,
  ): Promise<ContactView> {
    return this.contacts.create(networkId, body, body.source);
  }

  @Get(':contactId')
  get(@Param('networkId') networkId: string, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.contacts.get(networkId, contactId);
  }

  @Patch(':contactId')
  update(
    @Param('networkId') networkId: string,
    @Param('contactId') contactId: string,
    @Body(new ZodValidationPipe(updateContactSchema)) body: UpdateContact,
  ): Promise<ContactView> {
    return this.contacts.update(networkId, contactId, body);
  }

  @Post(':contactId/block')
  @HttpCode(200)
  block(@Param('networkId') networkId: string, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.contacts.block(networkId, contactId);
  }

  @Delete(':contactId/block')
  unblock(@Param('networkId') networkId: string, @Param('contactId') contactId: string): Promise<ContactView> {
    return this.contacts.unblock(networkId, contactId);
  }

  @Get(':contactId/export')
  export(@Param('networkId') networkId: string, @Param('contactId') contactId: string): Promise<ContactExport> {
    return this.contacts.export(networkId, contactId);
  }

  @Delete(':contactId')
  @HttpCode(204)
  async erase(@Param('networkId') networkId: string, @Param('contactId') contactId: string): Promise<void> {
    await this.contacts.erase(networkId, contactId);
  }
}
