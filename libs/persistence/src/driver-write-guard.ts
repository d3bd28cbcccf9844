import { Logger } from '@nestjs/common';
import { dirname, join } from 'node:path';

interface DriverConnection {
  error?: Error;
  once(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

type WriteCommand = (this: DriverConnection, ...args: unknown[]) => Promise<unknown>;

const GUARDED = Symbol('hub.settlesOnClose');
const logger = new Logger('MongoDriverWriteGuard');

/**
 * Works around a hang in the MongoDB Node driver (7.8 and 7.9, the newest): `Connection.writeCommand` checks that
 * the connection is open, awaits the command's encoding, then writes to the socket. When the server closes the
 * connection during that await, the socket is destroyed, `write()` returns false, and neither the `drain` the driver
 * waits for nor an `error` ever follows: the operation never settles and keeps its pooled connection for good.
 * Found by the chaos suite (FerretDB restarted during sign-ups): one such read, shared by a burst's requests, held
 * every later request of the gateway. Here the write fails with the connection's own network error instead, as it
 * would had the close come a moment earlier, and the driver's usual handling (retry, pool clearing) takes over.
 *
 * Applied to the driver copy mongoose uses and to the top-level one, once each.
 */
export function settleWritesOnClosedConnections(): void {
  const copies = new Set<string>();
  for (const from of [require.resolve('mongoose'), __filename]) {
    try {
      copies.add(dirname(require.resolve('mongodb/package.json', { paths: [dirname(from)] })));
    } catch {
      // No such copy: nothing to guard.
    }
  }
  for (const root of copies) guard((require(join(root, 'lib/cmap/connection.js')) as { Connection: { prototype: { writeCommand: WriteCommand } } }).Connection.prototype);
}

function guard(prototype: { writeCommand: WriteCommand & { [GUARDED]?: true } }): void {
  const original = prototype.writeCommand;
  if (typeof original !== 'function') throw new Error('the MongoDB driver has no Connection.writeCommand any more: see driver-write-guard.ts');
  if (original[GUARDED]) return;
  const guarded = function (this: DriverConnection, ...args: unknown[]): Promise<unknown> {
    const connection = this;
    let onClose: (() => void) | undefined;
    let settled = false;
    const closed = new Promise<never>((_, reject) => {
      onClose = () => {
        // Seen in the log of a chaos run: how often the driver would have hung here.
        if (!settled) logger.warn('a command was being written as its connection closed: failed instead of waiting for good');
        reject(connection.error ?? new Error('connection closed while a command was being written'));
      };
      connection.once('close', onClose);
    });
    const written = original.apply(connection, args);
    // Once the close has settled it, the write's own promise may stay pending for good; nobody waits on it then.
    written.then(
      () => (settled = true),
      () => (settled = true),
    );
    return Promise.race([written, closed]).finally(() => connection.off('close', onClose!));
  } as WriteCommand & { [GUARDED]?: true };
  guarded[GUARDED] = true;
  prototype.writeCommand = guarded;
}
