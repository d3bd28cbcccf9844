import { StalledBatchError } from './coalescer';

/**
 * Why the database cannot take a write or answer at all right now, or null when the error is something else (a bug,
 * a duplicate key, bad input). These are conditions an operator fixes (free disk space, remount, restart the
 * server); the request was not stored, so the caller may try again later, and the answer should say so instead of
 * an anonymous 500.
 */
export type StorageUnavailableReason = 'full' | 'read-only' | 'unreachable';

// MongoDB's own codes: OutOfDiskSpace; NotWritablePrimary, NotPrimaryNoSecondaryOk, NotPrimaryOrSecondary,
// PrimarySteppedDown; InterruptedAtShutdown, ShutdownInProgress.
const FULL_CODES = new Set([14031]);
const READ_ONLY_CODES = new Set([10107, 13435, 13436, 189]);
const UNREACHABLE_CODES = new Set([11600, 91]);
// FerretDB on SQLite passes SQLite's words through in an InternalError (code 1): SQLITE_FULL (13) when the disk or
// max_page_count is exhausted, SQLITE_READONLY (8) on a read-only file or file system.
const FULL_WORDS = /database or disk is full|No space left on device|SQLITE_FULL/i;
const READ_ONLY_WORDS = /attempt to write a readonly database|read-only file system|SQLITE_READONLY/i;
// The driver's own classes for "no server to talk to".
const UNREACHABLE_CLASSES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoPoolClearedError',
  'MongoServerClosedError',
  'MongoPoolClosedError',
  'MongoWaitQueueTimeoutError',
]);

// A connection that broke mid-operation, as the driver words it; a bulk write wraps such an error in its own class.
const UNREACHABLE_WORDS = /^connection \d+ to \S+ (closed|timed out)|ECONNREFUSED|ECONNRESET|EPIPE/;
// The socket's own error, passed up unwrapped when the server went away as a command was written (Node words EPIPE
// "This socket has been ended by the other party": seen in the chaos suite as a 500).
const UNREACHABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE']);

interface DriverError {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  cause?: unknown;
  writeErrors?: Array<{ code?: unknown; errmsg?: unknown }>;
}

export function storageUnavailableReason(error: unknown): StorageUnavailableReason | null {
  if (typeof error !== 'object' || error === null) return null;
  if (error instanceof StalledBatchError) return 'unreachable';
  const { code, message, name, cause, writeErrors } = error as DriverError;
  // A bulk write reports each document's failure apart; they share their reason when the database is full.
  const codes = [code, ...(writeErrors ?? []).map((writeError) => writeError.code)].filter((value): value is number => typeof value === 'number');
  const text = [message, ...(writeErrors ?? []).map((writeError) => writeError.errmsg)].filter((value) => typeof value === 'string').join('\n');
  if (codes.some((value) => FULL_CODES.has(value)) || FULL_WORDS.test(text)) return 'full';
  if (codes.some((value) => READ_ONLY_CODES.has(value)) || READ_ONLY_WORDS.test(text)) return 'read-only';
  if (codes.some((value) => UNREACHABLE_CODES.has(value)) || (typeof name === 'string' && UNREACHABLE_CLASSES.has(name)) || (typeof code === 'string' && UNREACHABLE_SOCKET_CODES.has(code)) || UNREACHABLE_WORDS.test(text)) return 'unreachable';
  return cause !== undefined && cause !== error ? storageUnavailableReason(cause) : null;
}
