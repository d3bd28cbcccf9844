import { connect } from 'node:net';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';

/**
 * nodemailer's pool options for one relay. Two things nodemailer does not do on its own:
 * - given `url`, it ignores every other option (the pool, its size, the timeouts), so the url is parsed here;
 * - it writes a message in several small segments and leaves Nagle's algorithm on, so the end of DATA waits for the
 *   relay's delayed ACK: about 45 ms a message on loopback (measured: 47.8 ms median sequential, 2.3 ms with
 *   TCP_NODELAY). The socket is made here, with no delay, through nodemailer's documented `getSocket` hook.
 * The benchmarks build their bare-nodemailer ceiling with these same options, so the comparison stays fair.
 */
export function smtpPoolOptions(url: string, connections: number, socketTimeoutMs = 30_000): SMTPPool.Options {
  const parsed = parseConnectionUrl(url) as { host?: string; port?: number; secure?: boolean };
  const host = parsed.host ?? 'localhost';
  const port = parsed.port ?? (parsed.secure ? 465 : 587);
  return {
    ...parsed,
    pool: true,
    maxConnections: connections,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: socketTimeoutMs,
    getSocket: (_options, callback) => {
      const socket = connect({ host, port });
      socket.setNoDelay(true);
      const failed = (error: Error) => callback(error, undefined as never);
      socket.once('error', failed);
      socket.once('connect', () => {
        socket.removeListener('error', failed);
        // nodemailer upgrades a plain socket itself when the url asks for implicit TLS (smtps://).
        callback(null, { connection: socket });
      });
    },
  } as SMTPPool.Options;
}
