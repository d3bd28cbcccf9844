import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { MongoClient } from 'mongodb';
import { storageUnavailableReason } from '@hub/persistence';

jest.setTimeout(120_000);

const execFileAsync = promisify(execFile);
const STACK_CLI = resolve(__dirname, '../../../tools/stack/stack.mjs');

/**
 * A FerretDB of its own (other ports, its own data), started full or read-only the way the chaos rows do it: the
 * errors it answers are the ones the hub must recognise and answer with 503, not 500.
 */
describe('a full or read-only database, as FerretDB answers it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hub-storage-'));
  // Below the ephemeral range, where no client socket can take the port while FerretDB restarts (tools/ports).
  const env = { ...process.env, HUB_STACK_DIR: dir, FERRETDB_PORT: '17117', FERRETDB_DEBUG_PORT: '17118' };
  const url = 'mongodb://127.0.0.1:17117';
  const ferretdb = (command: 'up' | 'down', params = '') => execFileAsync(process.execPath, [STACK_CLI, command, 'ferretdb'], { env: { ...env, FERRETDB_SQLITE_PARAMS: params } });

  const attempt = async (write: (client: MongoClient) => Promise<unknown>) => {
    const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5_000 });
    try {
      await write(client);
      return null;
    } catch (error) {
      return error;
    } finally {
      await client.close();
    }
  };
  const things = (client: MongoClient) => client.db('storage').collection<{ _id: string; body: string }>('things');

  beforeAll(async () => {
    await ferretdb('up');
    expect(await attempt((client) => things(client).insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `t${i}`, body: 'x'.repeat(4_000) }))))).toBeNull();
    await ferretdb('down');
  });

  afterEach(() => ferretdb('down'));

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('full: an insert that needs more room fails as "full"; the data already there is intact', async () => {
    await ferretdb('up', '_pragma=max_page_count(1)');
    const error = await attempt((client) => things(client).insertOne({ _id: 'big', body: 'y'.repeat(200_000) }));
    expect(storageUnavailableReason(error)).toBe('full');
    expect(await attempt(async (client) => expect(await things(client).countDocuments()).toBe(20))).toBeNull();
  });

  it('read-only: inserts, updates and deletes fail as "read-only"; reads still answer', async () => {
    await ferretdb('up', 'mode=ro');
    const insert = await attempt((client) => things(client).insertOne({ _id: 'new', body: 'z' }));
    const update = await attempt((client) => things(client).updateOne({ _id: 't1' }, { $set: { body: 'changed' } }));
    const remove = await attempt((client) => things(client).deleteOne({ _id: 't2' }));
    expect([insert, update, remove].map(storageUnavailableReason)).toEqual(['read-only', 'read-only', 'read-only']);
    expect(await attempt(async (client) => expect((await things(client).findOne({ _id: 't1' }))?.body).toBe('x'.repeat(4_000)))).toBeNull();
  });

  it('away: no server to talk to is "unreachable"', async () => {
    const error = await MongoClient.connect(url, { serverSelectionTimeoutMS: 1_000 }).then(
      (client) => client.close().then(() => null),
      (failure: unknown) => failure,
    );
    expect(storageUnavailableReason(error)).toBe('unreachable');
  });

  it('away mid-command: the socket error the driver passes up unwrapped is "unreachable"', async () => {
    await ferretdb('up');
    const client = await MongoClient.connect(url, { serverSelectionTimeoutMS: 5_000 });
    try {
      await things(client).findOne({ _id: 't1' });
      await ferretdb('down');
      // Whichever the kernel reports first, a reset or a write after the peer's FIN, is a database that went away.
      const socketErrors = [await things(client).insertOne({ _id: 'late', body: 'x' }).then(() => null, (error: unknown) => error)];
      socketErrors.push(Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }));
      expect(socketErrors.map(storageUnavailableReason)).toEqual(['unreachable', 'unreachable']);
    } finally {
      await client.close(true);
    }
  });

  it('anything else is not a storage condition', async () => {
    await ferretdb('up');
    const duplicate = await attempt((client) => things(client).insertOne({ _id: 't3', body: 'again' }));
    expect((duplicate as { code?: number }).code).toBe(11000);
    expect(storageUnavailableReason(duplicate)).toBeNull();
    expect(storageUnavailableReason(new Error('boom'))).toBeNull();
  });
});
