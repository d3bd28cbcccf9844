import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { stringify } from 'csv-stringify';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { ContactFilter, contactFilterSchema, ContactView } from '@hub/contracts';
import { spreadsheetSafeText, ZodValidationPipe } from '@hub/http';
import { ContactsService } from './contacts.service';

const COLUMNS = ['id', 'email', 'name', 'language', 'organisationId', 'role', 'attributes', 'subscriptions', 'suppression'];

function row(contact: ContactView): string[] {
  return [
    contact.id,
    contact.email,
    contact.name ?? '',
    contact.language,
    contact.organisationId ?? '',
    contact.role ?? '',
    // One JSON object: unambiguous whatever the keys and values contain, and the same columns for every row.
    Object.keys(contact.attributes).length > 0 ? JSON.stringify(contact.attributes) : '',
    contact.subscriptions.map((s) => `${s.listId}:${s.status}`).join(' '),
    contact.suppression ?? '',
  ].map(spreadsheetSafeText);
}

/** Internal API, reached only through the gateway (see InternalApiGuard). */
@Controller('internal/networks/:networkId/contacts-csv')
export class ContactsCsvController {
  constructor(private readonly contacts: ContactsService) {}

  /** The filter's contacts as CSV, streamed: rows go out as pages come in, with back-pressure from the client. */
  @Get()
  async export(
    @Param('networkId') networkId: string,
    @Query(new ZodValidationPipe(contactFilterSchema)) filter: ContactFilter,
    @Res() res: Response,
  ): Promise<void> {
    res.status(200).type('text/csv; charset=utf-8');
    const rows = Readable.from((async function* (contacts: ContactsService) {
      for await (const contact of contacts.everyContact(networkId, filter)) yield row(contact);
    })(this.contacts));
    // A BOM so that spreadsheet programs read the file as UTF-8 (ø, å, ä).
    await pipeline(rows, stringify({ header: true, columns: COLUMNS, bom: true }), res);
  }
}
