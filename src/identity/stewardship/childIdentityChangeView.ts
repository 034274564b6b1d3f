import { type IdentityChangeKind } from "../ChildIdentityChange";

/** A merge or split as stewards and IG leads see it. */
export interface ChildIdentityChangeView {
  id: string;
  kind: IdentityChangeKind;
  fromChildId: string;
  toChildId: string;
  fromChildSui: string | null;
  recordIds: string[];
  decidedBy: string;
  decidedAt: Date;
  reason: string;
}

export async function insertIdentityChange(
  manager: { query: (sql: string, values: unknown[]) => Promise<unknown> },
  change: Omit<ChildIdentityChangeView, "id">,
  id: string,
): Promise<ChildIdentityChangeView> {
  await manager.query(
    `INSERT INTO child_identity_change (id, kind, from_child_id, to_child_id, from_child_sui, record_ids, decided_by, decided_at, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, change.kind, change.fromChildId, change.toChildId, change.fromChildSui, change.recordIds, change.decidedBy, change.decidedAt, change.reason],
  );
  return { id, ...change };
}
