import type { ConsentEntryView, ConsentMethod } from '@hub/contracts';

/** One line of a contact's consent log; appended in the same write as the change of subscription it records. */
export interface ConsentEntry {
  at: Date;
  action: ConsentEntryView['action'];
  listIds: string[];
  method: ConsentMethod;
  wordingId: string;
  /** Peppered SHA-256 of the client IP (see ProofHashes); the IP itself is never stored. */
  ipHash: string | null;
  /** The consent basis a coordinator or an import stated for a single opt-in. */
  basis: string | null;
}

export function consentEntryView(entry: ConsentEntry): ConsentEntryView {
  return { ...entry, at: entry.at.toISOString() };
}
