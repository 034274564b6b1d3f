import { randomUUID } from "node:crypto";
import { type DataSource, type EntityManager } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "../policy/AccessContext";
import { type Withholding } from "../policy/DisclosureDecision";
import { isAuditOperation, type AuditOperation } from "./AuditOperation";
import { isAuditOutcome, type AuditOutcome } from "./AuditOutcome";
import { chainForRequest, type HashedEntry } from "./hashChain";
import { appendBatch, auditBatcherFor } from "./auditBatcher";
import { countAuditEntry } from "../metrics/countAuditEntry";
import { type EntryCompanion } from "./EntryCompanion";

/** Why a request was refused (or, with DISCLOSED, why part of it was concealed). */
export interface AuditRefusal {
  /** The error code the caller received, e.g. ACCESS_CONTEXT_INVALID. */
  code: string;
  /** The specific problem, e.g. PURPOSE_NOT_PERMITTED. */
  problem: string | null;
  /** The policy rule that decided it. */
  rule: string | null;
}

/** One disclosure, refusal or recorded decision, as the operation that made it describes it. */
export interface AuditEntryInput {
  /** Set only by an operation whose other entries name this one (written together, `recordAuditEntries`). */
  id?: string;
  requestId: string;
  principal: Principal;
  operation: AuditOperation;
  /** The caller's access context, recorded verbatim; null for operations that take none. */
  access: AccessContext | null;
  childSuis: string[];
  outcome: AuditOutcome;
  refusal?: AuditRefusal | null;
  /** Paths of the fields disclosed. */
  fieldsDisclosed: string[];
  fieldsWithheld: Withholding[];
  /** The policy set's version hash; null when no disclosure policy was consulted. */
  policyVersion: string | null;
  /** Flagged for IG review (scenario 9). */
  breakGlass: boolean;
  /** Leave this entry out of subject access reports (DPA 2018 Sch.2 para 2, s.45(4)). */
  prejudicesInvestigation: boolean;
  /** Operation-specific facts: ids, counts. Nothing here is searched; everything here is hashed. */
  details?: Record<string, unknown>;
  /** Writes that commit with the entry, in the statement that inserts it (`EntryCompanion.ts`); never hashed or stored on it. */
  companions?: readonly EntryCompanion[];
}

/** Where the entry went: `id` is the disclosure id a caller can quote to an IG lead. */
export interface AuditReceipt {
  id: string;
  occurredAt: Date;
  chain: number;
  sequence: number;
}

/**
 * Writes one audit entry and commits it before returning (design principle 4: no audit, no
 * disclosure). Entries arriving together are chained and committed together (`auditBatcher.ts`),
 * each caller waiting for the commit that holds its own entry; a batch locks only the heads of the
 * chains it touches, so hub processes writing to other chains do not wait.
 *
 * Any failure becomes AUDIT_UNAVAILABLE, with the original error as `cause` for the caller to log
 * (by class and SQLSTATE only: a database error's message can quote the row, and the row is personal).
 */
export async function recordAuditEntry(dataSource: DataSource, entry: AuditEntryInput, now = new Date()): Promise<AuditReceipt> {
  try {
    const receipt = await auditBatcherFor(dataSource).append(auditRow(entry, now), entry.companions);
    countAuditEntry(entry);
    return receipt;
  } catch (error) {
    throw auditUnavailable(error);
  }
}

/**
 * Writes entries that belong together in one transaction of a fixed shape, however many there are
 * (one batch: lock the chain heads, insert, advance): an operation whose number of entries depends on
 * what it kept from the caller sends the same statements either way. Failures as `recordAuditEntry`.
 */
export async function recordAuditEntries(dataSource: DataSource, entries: readonly AuditEntryInput[], now = new Date()): Promise<AuditReceipt[]> {
  try {
    return await dataSource.transaction((manager) => recordAuditEntriesInTransaction(manager, entries, now));
  } catch (error) {
    throw auditUnavailable(error);
  }
}

function auditUnavailable(error: unknown): HubError {
  const failure = new HubError(
    ErrorCode.AUDIT_UNAVAILABLE,
    "The audit trail could not record this request, so nothing was disclosed. Try again; if it keeps failing, tell the hub's administrators.",
  );
  failure.cause = error;
  return failure;
}

/**
 * Writes audit entries in the caller's transaction, for a disclosure that is itself a write (a
 * notification's deliveries): the entries and what they record commit together or not at all, so the
 * trail never says a delivery was made that was not, and no delivery exists without its entry (design
 * principle 4). The transaction holds the heads of the chains the entries extend until it ends, and
 * commits with `synchronous_commit = on` as every audit write does. Keep it short.
 */
export async function recordAuditEntriesInTransaction(manager: EntityManager, entries: readonly AuditEntryInput[], now = new Date()): Promise<AuditReceipt[]> {
  if (entries.length === 0) return [];
  const receipts = await appendBatch(manager, entries.map((entry) => ({ entry: auditRow(entry, now), companions: entry.companions ?? [] })));
  for (const entry of entries) countAuditEntry(entry);
  return receipts;
}

/**
 * The row as it will be stored. Everything passes through `storedText`/`storedJson` first, so the
 * values hashed are exactly the values PostgreSQL gives back to the verifier.
 */
function auditRow(entry: AuditEntryInput, now: Date): Omit<HashedEntry, "prevHash"> {
  if (!isAuditOperation(entry.operation)) throw new TypeError("unknown audit operation");
  if (!isAuditOutcome(entry.outcome)) throw new TypeError("unknown audit outcome");
  if (entry.requestId.trim() === "") throw new TypeError("an audit entry needs a request id");
  const { principal, access, refusal } = entry;
  return {
    id: entry.id ?? randomUUID(),
    // A copy the caller cannot mutate after hashing; an invalid date fails here, inside the try.
    occurredAt: new Date(now.toISOString()),
    requestId: storedText(entry.requestId),
    principalSub: storedText(principal.sub),
    principalAgency: storedText(principal.agency),
    principalAgencyType: principal.agencyType,
    principalRoles: [...principal.roles],
    operation: entry.operation,
    purpose: access?.purpose ?? null,
    lawfulBasis: access?.lawfulBasis ?? null,
    specialCategoryCondition: access?.specialCategoryCondition ?? null,
    justification: nullableText(access?.justification),
    caseReference: nullableText(access?.caseReference),
    // Either flag puts the entry in front of the IG lead: a review too many beats one missed.
    breakGlass: entry.breakGlass || access?.breakGlass === true,
    // A child without an SUI has nothing to find it by; repeats add nothing.
    childSuis: [...new Set(entry.childSuis.map((sui) => storedText(sui.trim())).filter((sui) => sui !== ""))],
    outcome: entry.outcome,
    refusalCode: nullableText(refusal?.code),
    refusalProblem: nullableText(refusal?.problem),
    refusalRule: nullableText(refusal?.rule),
    fieldsDisclosed: entry.fieldsDisclosed.map(storedText),
    fieldsWithheld: entry.fieldsWithheld.map(storedWithholding),
    policyVersion: nullableText(entry.policyVersion),
    prejudicesInvestigation: entry.prejudicesInvestigation,
    details: storedJson(entry.details ?? {}),
    chainId: chainForRequest(entry.requestId),
  };
}

/**
 * PostgreSQL stores UTF-8, so a lone UTF-16 surrogate (possible in a JavaScript string) would come back
 * as U+FFFD and no longer match its hash. Making the replacement up front (what encoding to UTF-8 and
 * decoding again does) keeps the hashed value the stored one.
 */
function storedText(value: string): string {
  return value.isWellFormed() ? value : value.toWellFormed();
}

function nullableText(value: string | null | undefined): string | null {
  return value === null || value === undefined ? null : storedText(value);
}

/**
 * A withheld field as `storedJson` would give it back, without the JSON round trip: a refusal lists
 * every field of the child's file, each with its reason.
 */
function storedWithholding({ path, reason, rule }: Withholding): Withholding {
  if (typeof path === "string" && typeof reason === "string" && typeof rule === "string") return { path: storedText(path), reason: storedText(reason), rule: storedText(rule) };
  return storedJson({ path, reason, rule });
}

/** How JSON.stringify writes a lone surrogate: `\udXXX`, which JSON.parse would bring back. */
const ESCAPED_SURROGATE = /\\ud[89a-f]/;

/**
 * jsonb keeps what JSON keeps: no undefined, no Date objects, no NaN. Round-tripping through JSON here
 * means the hashed value is the stored one (dates become ISO strings, undefined members disappear).
 * Only text that holds a lone surrogate (or what looks like one's escape) takes the slower way, every
 * string replaced as `storedText` does.
 */
function storedJson<T>(value: T): T {
  const text = JSON.stringify(value);
  if (!ESCAPED_SURROGATE.test(text)) return JSON.parse(text) as T;
  return JSON.parse(JSON.stringify(value, (_key, member: unknown) => (typeof member === "string" ? storedText(member) : member))) as T;
}
