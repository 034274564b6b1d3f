import { SubmitOutcome } from "../SubmitReceipt";

/** What an import has done so far, carried across runs in its checkpoint. Counts only, never content. */
export interface ImportTallies {
  /** Every record read, whatever became of it: created + updated + unchanged + all rejected. */
  read: number;
  outcomes: Record<SubmitOutcome, number>;
  /** Accepted records by how the hub linked them (`LinkOutcome`: SUI, MATCHED, REVIEW_PENDING, NEW_CHILD, MANUAL). */
  links: Record<string, number>;
  /** Refused records by error code, whether refused on reading or by the hub. */
  rejected: Record<string, number>;
}

export function emptyTallies(): ImportTallies {
  return { read: 0, outcomes: { CREATED: 0, UPDATED: 0, UNCHANGED: 0 }, links: {}, rejected: {} };
}

export function count(tally: Record<string, number>, key: string): void {
  tally[key] = (tally[key] ?? 0) + 1;
}

export function isImportTallies(value: unknown): value is ImportTallies {
  if (value === null || typeof value !== "object") return false;
  const { read, outcomes, links, rejected } = value as Record<string, unknown>;
  return (
    isCount(read) &&
    isCountTable(outcomes) &&
    Object.values(SubmitOutcome).every((outcome) => isCount((outcomes as Record<string, unknown>)[outcome])) &&
    isCountTable(links) &&
    isCountTable(rejected)
  );
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isCountTable(value: unknown): value is Record<string, number> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && Object.values(value).every(isCount);
}
