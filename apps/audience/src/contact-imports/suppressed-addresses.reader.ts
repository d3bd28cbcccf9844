import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { Connection } from 'mongoose';

/**
 * The proof hashes of a network's suppressed addresses, read in one query. An import checks a page of a thousand
 * rows at once: one `_id` lookup per row cost about 3 ms on FerretDB (3 s a page), while reading the network's
 * suppressions is one scan of a small collection (`_id: {$in: [...]}` of 1 000 ids scanned too, 23 s, before the
 * stack's FerretDB build looked those up by index). Read-only, straight from the `suppressions` collection that
 * SuppressionRepository writes.
 */
@Injectable()
export class SuppressedAddressesReader {
  constructor(@InjectConnection() private readonly connection: Connection) {}

  async hashesOf(networkId: string): Promise<Set<string>> {
    const records = await this.connection
      .collection<{ _id: string }>('suppressions')
      .find({ networkId, active: true }, { projection: { _id: 1 } })
      .toArray();
    return new Set(records.map((record) => record._id));
  }
}
