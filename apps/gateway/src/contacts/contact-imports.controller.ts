import { BadRequestException, Body, Controller, Get, Param, Post, Put, Req } from '@nestjs/common';
import { ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Readable } from 'node:stream';
import { ContactImportView, CreateContactImport, createContactImportSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';

/**
 * CSV import in two steps: create the import with its lists, consent basis and column mapping; then PUT the file,
 * which is streamed to audience and answered with the validation report. GET shows the progress meanwhile.
 */
@ApiTags('contacts')
@Controller('api/v1/contacts/imports')
export class ContactImportsController {
  constructor(private readonly audience: AudienceClient) {}

  @Post()
  @RequireRole('coordinator')
  create(@CurrentPrincipal() principal: Principal, @Body(new ZodValidationPipe(createContactImportSchema)) body: CreateContactImport): Promise<ContactImportView> {
    return this.audience.createImport(principal.networkId, body);
  }

  @Get(':importId')
  @RequireRole('coordinator')
  get(@CurrentPrincipal() principal: Principal, @Param('importId') importId: string): Promise<ContactImportView> {
    return this.audience.contactImport(principal.networkId, importId);
  }

  @Put(':importId/file')
  @RequireRole('coordinator')
  @ApiConsumes('text/csv')
  async upload(@CurrentPrincipal() principal: Principal, @Param('importId') importId: string, @Req() req: Request): Promise<ContactImportView> {
    // Checked first, so that another network's import is a 404 before any of the file is sent on.
    await this.audience.contactImport(principal.networkId, importId);
    if (!req.is('text/csv')) throw new BadRequestException({ message: 'content-type: must be text/csv', fields: [{ field: 'content-type', problem: 'must be text/csv' }] });
    return this.audience.runImport(principal.networkId, importId, Readable.toWeb(req) as ReadableStream<Uint8Array>);
  }
}
