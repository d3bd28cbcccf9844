import { MongoClient } from 'mongodb';
import { randomUUID } from 'node:crypto';
import type { TestRun } from '@hub/testing';

/**
 * Writes `count` contacts confirmed on one list straight into audience's database, as a finished import leaves
 * them: sends of thousands need an audience in seconds, and the sign-up flow has tests of its own.
 */
export async function seedConfirmedSubscribers(
  run: TestRun,
  { networkId, listId, count, emailOf, languageOf }: { networkId: string; listId: string; count: number; emailOf: (i: number) => string; languageOf: (i: number) => string },
): Promise<void> {
  const mongo = await MongoClient.connect(run.stack.mongoUrl);
  try {
    const confirmedAt = new Date(Date.now() - 60_000);
    const contacts = mongo.db(`${run.id}_audience`).collection('contacts');
    for (let start = 0; start < count; start += 1_000) {
      await contacts.insertMany(
        Array.from({ length: Math.min(1_000, count - start) }, (_, offset) => ({
          _id: randomUUID() as never,
          networkId,
          email: emailOf(start + offset),
          name: null,
          language: languageOf(start + offset),
          organisationId: null,
          role: null,
          attributes: {},
          subscriptions: { [listId]: { status: 'confirmed', requestId: null, requestedAt: confirmedAt, confirmedAt, unsubscribedAt: null } },
          lastConfirmationSentAt: null,
          consent: [],
          outbox: [],
        })),
      );
    }
  } finally {
    await mongo.close();
  }
}
