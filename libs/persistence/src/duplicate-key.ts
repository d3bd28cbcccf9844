/** MongoDB and FerretDB both answer a unique-index violation with code 11000; the hub's guarantees rest on it. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const withCode = error as { code?: unknown; writeErrors?: Array<{ code?: unknown }> };
  return withCode.code === 11000 || (withCode.writeErrors ?? []).some((writeError) => writeError.code === 11000);
}
