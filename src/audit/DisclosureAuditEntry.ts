import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { bigintAsNumber } from "./bigintAsNumber";
import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { type Withholding } from "../policy/DisclosureDecision";
import { type LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type SpecialCategoryCondition } from "../policy/SpecialCategoryCondition";
import { type AuditOperation } from "./AuditOperation";
import { type AuditOutcome } from "./AuditOutcome";

/**
 * One row of the disclosure audit (HUB.md §7): a disclosure, a refusal or a recorded decision, with
 * who asked, why, about which children, what was disclosed and withheld under which policy version.
 *
 * Append-only: the migration adds triggers that reject UPDATE, DELETE and TRUNCATE, and each row is
 * hash-chained to the one before it on its chain (`hashChain.ts`), so an edit that bypasses the triggers
 * is still found by `verifyAuditChain`. The indexes serve the IG lead's questions: by child (GIN over
 * the SUIs), by user, by agency, by purpose, by outcome, break-glass entries, and by time.
 */
@Entity({ name: "disclosure_audit" })
@Index("IDX_disclosure_audit_chain_sequence", ["chainId", "sequence"], { unique: true })
@Index("IDX_disclosure_audit_occurred_at", ["occurredAt", "id"])
@Index("IDX_disclosure_audit_child_suis", ["childSuis"], { type: "gin" })
@Index("IDX_disclosure_audit_principal_sub", ["principalSub", "occurredAt"])
@Index("IDX_disclosure_audit_principal_agency", ["principalAgency", "occurredAt"])
@Index("IDX_disclosure_audit_purpose", ["purpose", "occurredAt"])
@Index("IDX_disclosure_audit_outcome", ["outcome", "occurredAt"])
// Break-glass entries are few and each is reviewed: a partial index finds them without indexing the rest.
@Index("IDX_disclosure_audit_break_glass", ["occurredAt", "id"], { where: `"break_glass"` })
export class DisclosureAuditEntry {
  /** Assigned by the writer, not the database, because it is part of the hashed content. */
  @PrimaryColumn({ type: "uuid" })
  id: string;

  @Column({ type: "timestamptz" })
  occurredAt: Date;

  @Column({ type: "text" })
  requestId: string;

  // The principal as the token described it at the time; never the person's name (design principle 7).
  @Column({ type: "text" })
  principalSub: string;

  @Column({ type: "text" })
  principalAgency: string;

  @Column({ type: "varchar", length: 32 })
  principalAgencyType: AgencyType;

  @Column({ type: "text", array: true })
  principalRoles: Role[];

  @Column({ type: "varchar", length: 40 })
  operation: AuditOperation;

  // The access context, verbatim (design principle 2). Null when the operation had none.
  @Column({ type: "varchar", length: 40, nullable: true })
  purpose: Purpose | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  lawfulBasis: LawfulBasis | null;

  @Column({ type: "varchar", length: 32, nullable: true })
  specialCategoryCondition: SpecialCategoryCondition | null;

  @Column({ type: "text", nullable: true })
  justification: string | null;

  @Column({ type: "text", nullable: true })
  caseReference: string | null;

  @Column({ type: "boolean" })
  breakGlass: boolean;

  @Column({ type: "text", array: true })
  childSuis: string[];

  @Column({ type: "varchar", length: 16 })
  outcome: AuditOutcome;

  /** The error code the caller received (e.g. ACCESS_CONTEXT_INVALID, FORBIDDEN). */
  @Column({ type: "text", nullable: true })
  refusalCode: string | null;

  /** The specific problem, e.g. PURPOSE_NOT_PERMITTED, WITHHELD_FROM_FAMILY. */
  @Column({ type: "text", nullable: true })
  refusalProblem: string | null;

  /** The policy rule that refused. */
  @Column({ type: "text", nullable: true })
  refusalRule: string | null;

  /** Paths of the fields disclosed, e.g. `socialCare[0].status`. */
  @Column({ type: "text", array: true })
  fieldsDisclosed: string[];

  @Column({ type: "jsonb" })
  fieldsWithheld: Withholding[];

  /** The version hash of the policy set that decided; null when no disclosure policy was consulted. */
  @Column({ type: "text", nullable: true })
  policyVersion: string | null;

  /**
   * Telling the data subject about this entry could prejudice an investigation (DPA 2018 Sch.2 para 2,
   * s.45(4)): left out of subject access reports.
   */
  @Column({ type: "boolean" })
  prejudicesInvestigation: boolean;

  /** Operation-specific facts (an override id, an export's row count, the filter an IG lead used). */
  @Column({ type: "jsonb" })
  details: Record<string, unknown>;

  // The hash chain (hashChain.ts): which chain, the position on it, and the links.
  @Column({ type: "smallint" })
  chainId: number;

  @Column({ type: "bigint", transformer: bigintAsNumber })
  sequence: number;

  @Column({ type: "char", length: 64 })
  prevHash: string;

  @Column({ type: "char", length: 64 })
  hash: string;
}
