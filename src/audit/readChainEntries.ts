import { type EntityManager } from "typeorm";
import { type HashedEntry } from "./hashChain";

/** An entry as the verifier reads it: the hashed columns, and its place and hash on its chain. */
export interface ChainEntry {
  entry: HashedEntry;
  sequence: number;
  hash: string;
}

interface ChainEntryRow {
  id: string;
  occurred_at: string;
  request_id: string;
  principal_sub: string;
  principal_agency: string;
  principal_agency_type: HashedEntry["principalAgencyType"];
  principal_roles: HashedEntry["principalRoles"];
  operation: HashedEntry["operation"];
  purpose: HashedEntry["purpose"];
  lawful_basis: HashedEntry["lawfulBasis"];
  special_category_condition: HashedEntry["specialCategoryCondition"];
  justification: string | null;
  case_reference: string | null;
  break_glass: boolean;
  child_suis: string[];
  outcome: HashedEntry["outcome"];
  refusal_code: string | null;
  refusal_problem: string | null;
  refusal_rule: string | null;
  fields_disclosed: string[];
  fields_withheld: HashedEntry["fieldsWithheld"];
  policy_version: string | null;
  prejudices_investigation: boolean;
  details: Record<string, unknown>;
  chain_id: number;
  sequence: string;
  prev_hash: string;
  hash: string;
}

/**
 * A page of one chain's entries in sequence order, as plain rows: no entity is built, so reading costs
 * the driver's parsing and nothing more. The time comes as ISO 8601 text in UTC and the text arrays as
 * JSON, which the engine parses natively: the driver's own timestamptz parser took half of a raw
 * read's time, its array parser a tenth. `after` null reads from the
 * very first entry, one numbered 0 or below included.
 */
export async function readChainEntries(manager: EntityManager, chain: number, after: number | null, limit: number): Promise<ChainEntry[]> {
  const rows = await manager.query<ChainEntryRow[]>(
    `SELECT id, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS occurred_at, request_id, principal_sub, principal_agency, principal_agency_type, array_to_json(principal_roles) AS principal_roles, operation, purpose,
            lawful_basis, special_category_condition, justification, case_reference, break_glass, array_to_json(child_suis) AS child_suis, outcome, refusal_code,
            refusal_problem, refusal_rule, array_to_json(fields_disclosed) AS fields_disclosed, fields_withheld, policy_version, prejudices_investigation, details,
            chain_id, sequence, prev_hash, hash
     FROM disclosure_audit WHERE chain_id = $1 AND sequence > $2 ORDER BY sequence LIMIT $3`,
    // The lowest bigint, not "no bound", so one plan serves every page.
    [chain, after ?? "-9223372036854775808", limit],
  );
  return rows.map((row) => ({
    sequence: Number(row.sequence),
    hash: row.hash,
    entry: {
      id: row.id,
      occurredAt: new Date(row.occurred_at),
      requestId: row.request_id,
      principalSub: row.principal_sub,
      principalAgency: row.principal_agency,
      principalAgencyType: row.principal_agency_type,
      principalRoles: row.principal_roles,
      operation: row.operation,
      purpose: row.purpose,
      lawfulBasis: row.lawful_basis,
      specialCategoryCondition: row.special_category_condition,
      justification: row.justification,
      caseReference: row.case_reference,
      breakGlass: row.break_glass,
      childSuis: row.child_suis,
      outcome: row.outcome,
      refusalCode: row.refusal_code,
      refusalProblem: row.refusal_problem,
      refusalRule: row.refusal_rule,
      fieldsDisclosed: row.fields_disclosed,
      fieldsWithheld: row.fields_withheld,
      policyVersion: row.policy_version,
      prejudicesInvestigation: row.prejudices_investigation,
      details: row.details,
      chainId: row.chain_id,
      prevHash: row.prev_hash,
    },
  }));
}
