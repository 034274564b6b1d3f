import { createHash } from "node:crypto";
import canonicalize from "canonicalize";
import { type DisclosureAuditEntry } from "./DisclosureAuditEntry";

/**
 * How many independent chains the audit is split into (HUB.md §10). One global chain would make every
 * disclosure in every hub process wait for the one before it; with N chains, writes wait only for
 * writes that hash to the same chain. The migration creates one head per chain: raising this needs a
 * migration that adds the new heads (entries already written stay on their chains).
 */
export const AUDIT_CHAIN_COUNT = 16;

/** The `prev_hash` of every chain's first entry, and the hash of an empty chain's head. */
export const GENESIS_HASH = "0".repeat(64);

/**
 * The chain an entry goes on: the first four bytes of SHA-256 of the request id. Every entry of one
 * request lands on one chain, in the order the request wrote them. The request id may come from the
 * caller, so a caller could crowd one chain; that costs throughput, never integrity.
 */
export function chainForRequest(requestId: string, chainCount = AUDIT_CHAIN_COUNT): number {
  return createHash("sha256").update(requestId, "utf8").digest().readUInt32BE(0) % chainCount;
}

/** What the hash covers: every column but the hash itself and the sequence number. */
export type HashedEntry = Omit<DisclosureAuditEntry, "hash" | "sequence">;

/**
 * The canonical form of an entry: its columns, named explicitly so that a new column is a decision
 * about the hash format rather than a silent change to it, serialised by RFC 8785 (JSON
 * Canonicalization Scheme) so key order, whitespace and number formatting cannot vary.
 *
 * The chain id is covered, so an entry cannot be moved to another chain. The sequence number is not:
 * `prevHash` already fixes each entry's position, and leaving the number out lets the verifier tell an
 * edited entry (HASH_MISMATCH) from a removed or reordered one (CHAIN_BROKEN).
 */
export function canonicalEntry(entry: HashedEntry): string {
  const content: Record<(typeof CANONICAL_KEYS)[number], unknown> = {
    id: entry.id,
    occurredAt: entry.occurredAt.toISOString(),
    requestId: entry.requestId,
    principalSub: entry.principalSub,
    principalAgency: entry.principalAgency,
    principalAgencyType: entry.principalAgencyType,
    principalRoles: entry.principalRoles,
    operation: entry.operation,
    purpose: entry.purpose,
    lawfulBasis: entry.lawfulBasis,
    specialCategoryCondition: entry.specialCategoryCondition,
    justification: entry.justification,
    caseReference: entry.caseReference,
    breakGlass: entry.breakGlass,
    childSuis: entry.childSuis,
    outcome: entry.outcome,
    refusalCode: entry.refusalCode,
    refusalProblem: entry.refusalProblem,
    refusalRule: entry.refusalRule,
    fieldsDisclosed: entry.fieldsDisclosed,
    fieldsWithheld: entry.fieldsWithheld,
    policyVersion: entry.policyVersion,
    prejudicesInvestigation: entry.prejudicesInvestigation,
    details: entry.details,
    chainId: entry.chainId,
    prevHash: entry.prevHash,
  };
  // RFC 8785 orders an object's members by their names; the entry's names are fixed, so they are put in
  // order once (CANONICAL_KEYS) rather than sorted for every entry the verifier reads — what
  // `canonicalize` would produce for the whole object, member for member, at a fraction of the cost.
  // Every value is still serialised by `canonicalize` (a string, boolean or null by JSON.stringify, as
  // it does), and a member left undefined is left out, as it does.
  let text = "";
  for (const key of CANONICAL_KEYS) {
    const value = content[key];
    if (value === undefined) continue;
    const serialised = typeof value === "string" || typeof value === "boolean" || value === null ? JSON.stringify(value) : canonicalize(value);
    if (serialised === undefined) throw new TypeError("an audit entry has no canonical form");
    text += `${text === "" ? "" : ","}"${key}":${serialised}`;
  }
  return `{${text}}`;
}

/** The hashed members' names in RFC 8785 order (UTF-16 code units; all are ASCII letters). */
const CANONICAL_KEYS = [
  "breakGlass", "caseReference", "chainId", "childSuis", "details", "fieldsDisclosed", "fieldsWithheld", "id", "justification",
  "lawfulBasis", "occurredAt", "operation", "outcome", "policyVersion", "prejudicesInvestigation", "prevHash", "principalAgency",
  "principalAgencyType", "principalRoles", "principalSub", "purpose", "refusalCode", "refusalProblem", "refusalRule", "requestId",
  "specialCategoryCondition",
] as const;

/** SHA-256 (hex) of the entry's canonical form; through `prevHash` it commits to the whole chain before it. */
export function entryHash(entry: HashedEntry): string {
  return createHash("sha256").update(canonicalEntry(entry), "utf8").digest("hex");
}
