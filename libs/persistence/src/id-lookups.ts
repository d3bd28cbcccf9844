/**
 * The most ids to name in one `_id: {$in: [...]}` lookup: the stack's FerretDB build finds up to this many by its
 * `_id` index in one query (tools/stack/parts/ferretdb-id-pushdown.patch) and scans the whole collection beyond.
 */
export const IDS_PER_LOOKUP = 1_000;
