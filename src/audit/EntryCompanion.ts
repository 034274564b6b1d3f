/**
 * What an entry's rows of one kind are written by: `sql(rows)` is one or more data-modifying CTEs
 * (`name AS (…)`, comma-separated, every name starting with `name`) reading `rows`, a jsonb array of
 * the rows of that kind from every entry of the batch, each carrying its entry's id as `disclosure_id`.
 * The text must be the same every time (it is the statement's), and hold nothing a caller gave.
 */
export interface EntryCompanionKind {
  readonly name: string;
  sql(rows: string): string;
}

/**
 * A write that must commit with an audit entry and never without it (an IG alert the attempt the entry
 * records raises), made in the statement that inserts the entry and the rest of its batch: it costs no
 * round trip of its own, and it is there exactly when the entry is. A kind given with no rows still
 * puts its CTEs in the statement, so a caller who had nothing to write (a stranger answered null) sends
 * the very statement one who had (a caller an exclusion keeps out) sends.
 */
export interface EntryCompanion {
  readonly kind: EntryCompanionKind;
  readonly rows: readonly Record<string, unknown>[];
}
