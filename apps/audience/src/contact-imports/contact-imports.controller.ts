import { Body, Controller, Get, Param, Post, Put, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ContactImportView, CreateContactImport, createContactImportSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { ContactImportsService } from './contact-imports.service';

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/contact-imports')
export class ContactImportsController {
  constructor(private readonly imports: ContactImportsService) {}

  @Post()
  create(@Param('networkId') networkId: string, @Body(new ZodValidationPipe(createContactImportSchema)) body: CreateContactImport): Promise<ContactImportView> {
    return this.imports.create(networkId, body);
  }

  @Get(':importId')
  get(@Param('networkId') networkId: string, @Param('importId') importId: string): Promise<ContactImportView> {
    return this.imports.get(networkId, importId);
  }

  /** The CSV file as the request body (no body parser takes text/csv, so it arrives as a stream). */
  @Put(':importId/file')
  run(@Param('networkId') networkId: string, @Param('importId') importId: string, @Req() req: Request): Promise<ContactImportView> {
    return this.imports.run(networkId, importId, req);
  }
}
