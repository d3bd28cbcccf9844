import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { ContactFilter, contactFilterSchema } from '@hub/contracts';
import { ZodValidationPipe } from '@hub/http';
import { AudienceClient } from '../audience/audience.client';
import { CurrentPrincipal, RequireRole } from '../auth/auth.decorators';
import type { Principal } from '../auth/principal';

/** Registered before ContactsController, so that `export.csv` is not taken for a contact id. */
@ApiTags('contacts')
@Controller('api/v1/contacts')
export class ContactsCsvController {
  constructor(private readonly audience: AudienceClient) {}

  /**
   * The filter's contacts as CSV (UTF-8 with BOM), streamed from audience; cells that a spreadsheet would run as a
   * formula start with an apostrophe. Personal data in bulk, so coordinators only.
   */
  @Get('export.csv')
  @RequireRole('coordinator')
  @ApiProduces('text/csv')
  async export(@CurrentPrincipal() principal: Principal, @Query(new ZodValidationPipe(contactFilterSchema)) filter: ContactFilter, @Res() res: Response): Promise<void> {
    const csv = await this.audience.contactsCsv(principal.networkId, filter);
    res.status(200).type('text/csv; charset=utf-8').attachment('contacts.csv');
    await pipeline(Readable.fromWeb(csv.body as WebReadableStream<Uint8Array>), res);
  }
}
