import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { type Role } from "../auth/Role";
import { type AgencyType } from "../directory/AgencyType";
import { parseSui } from "../identity/nhsNumber";
import { type LawfulBasis } from "../policy/LawfulBasis";
import { Purpose } from "../policy/Purpose";
import { AuditAction } from "./auditAccess";
import { auditedIgRead } from "./auditedIgRead";
import { DISCLOSING_OPERATIONS, AuditOperation } from "./AuditOperation";
import { AuditOutcome } from "./AuditOutcome";
import { DisclosureAuditEntry } from "./DisclosureAuditEntry";

/** One disclosure of the child's record, as a data subject is told of it. */
export interface SubjectAccessEntry {
  occurredAt: Date;
  /** The recipient: the agency and its type, and the roles of whoever asked — not the person. */
  agency: string;
  agencyType: AgencyType;
  roles: Role[];
  purpose: Purpose | null;
  lawfulBasis: LawfulBasis | null;
  justification: string | null;
  /** What was disclosed (field paths), i.e. the categories of data concerned. */
  fieldsDisclosed: string[];
}

export interface SubjectAccessReport {
  sui: string;
  /** Oldest first, as a report to a person reads. */
  entries: SubjectAccessEntry[];
  /**
   * How many disclosures were left out because telling the subject of them could prejudice an
   * investigation (DPA 2018 Sch.2 para 2; s.45(4) for law-enforcement processing). For the IG lead's
   * decision only: never pass it on, since even a count can tip off the family (DOMAIN rule 6).
   */
  withheldEntryCount: number;
}

/**
 * A subject access request (UK GDPR Art 15; DOMAIN rule 7): who saw this child's record, when and why.
 * Only disclosures to another agency count (DISCLOSING_OPERATIONS with outcome DISCLOSED); the IG
 * lead reviews the report, including third-party text in justifications, before anything is released.
 * Entries flagged `prejudices_investigation` are left out and only counted.
 */
export async function subjectAccessReport(dataSource: DataSource, principal: Principal, requestId: string, rawSui: string, now = new Date()): Promise<SubjectAccessReport> {
  const sui = parseSui(rawSui, "sui");
  return auditedIgRead(
    dataSource,
    principal,
    requestId,
    {
      action: AuditAction.REPORT_SUBJECT_ACCESS,
      operation: AuditOperation.SUBJECT_ACCESS_REPORT,
      purpose: Purpose.SUBJECT_ACCESS_REQUEST,
      justification: "Subject access request: who saw this child's record, when and why (UK GDPR Art 15).",
      childSuis: [sui],
      details: {},
      outcome: AuditOutcome.DISCLOSED,
    },
    async () => {
      const disclosures = () =>
        dataSource
          .getRepository(DisclosureAuditEntry)
          .createQueryBuilder("entry")
          .where("entry.childSuis @> ARRAY[:sui]::text[]", { sui })
          .andWhere("entry.outcome = :outcome", { outcome: AuditOutcome.DISCLOSED })
          .andWhere("entry.operation IN (:...operations)", { operations: DISCLOSING_OPERATIONS });
      const withheldEntryCount = await disclosures().andWhere("entry.prejudicesInvestigation").getCount();
      const rows = await disclosures().andWhere("NOT entry.prejudicesInvestigation").orderBy("entry.occurredAt", "ASC").addOrderBy("entry.id", "ASC").getMany();
      const entries = rows.map((row) => ({
        occurredAt: row.occurredAt,
        agency: row.principalAgency,
        agencyType: row.principalAgencyType,
        roles: row.principalRoles,
        purpose: row.purpose,
        lawfulBasis: row.lawfulBasis,
        justification: row.justification,
        fieldsDisclosed: row.fieldsDisclosed,
      }));
      return { result: { sui, entries, withheldEntryCount }, childSuis: [], details: { reported: entries.length, withheldEntryCount } };
    },
    now,
  );
}
