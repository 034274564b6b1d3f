import { type DataSource } from "typeorm";
import { AuditOutcome } from "../audit/AuditOutcome";
import { RESTRICTING_LABELS } from "../records/restrictedRecord";
import { entryOwnAgencyAlone } from "../audit/trailReach";
import { type BreachRecipient } from "./PersonalDataBreach";

/** What the trail says went out, for a breach record. */
export interface AffectedDisclosures {
  disclosureIds: string[];
  childSuis: string[];
  recipients: BreachRecipient[];
  agenciesToTell: string[];
  lawEnforcement: boolean;
}

/**
 * One affected disclosure as the trail holds it, and the agencies party to it: its recipient's and those
 * whose records went out. An agency whose only records in it are SEALED or BROKERED is a party too — its
 * data went out, so it must be told of its own part — but it is party in secret (`restrictedRecords`):
 * a sealed record contributes nothing to anyone outside it, a brokered one only its restricted-involvement
 * signal (design principles 5 and 8), so no other agency's view of the breach may name it (`partiesSeenBy`).
 */
export interface AffectedDisclosure {
  id: string;
  principalSub: string;
  principalAgency: string;
  lawfulBasis: string | null;
  childSuis: string[];
  fieldsDisclosed: string[];
  /** Every party: the recipient's agency and every agency whose records went out. */
  parties: string[];
  /**
   * The parties any other party may know of: the recipient's agency — unless the entry is its agency's
   * alone on the trail (`recipientAlone`) — and the owners of records neither SEALED nor BROKERED.
   */
  openParties: string[];
  /**
   * The entry is its recipient agency's alone (`audit/trailReach`'s `entryOwnAgencyAlone`: that agency holds
   * one of its children under a SEALED or BROKERED record, or a concealed route made it): the disclosure, its
   * recipient and its agency are that agency's part only, never in another party's.
   */
  recipientAlone: boolean;
  /** The SEALED or BROKERED records that went out in it, with their agencies: each known only to its own. */
  restrictedRecords: { id: string; agency: string }[];
}

/**
 * The disclosures among these ids the trail holds as having disclosed something, each with the agencies
 * party to it — the recipient's and the agencies whose records went out (`details.recordIds`), as the
 * records are labelled now — in the order they happened. One statement, whatever the ids name.
 */
export async function loadAffectedDisclosures(dataSource: DataSource, ids: readonly string[]): Promise<AffectedDisclosure[]> {
  if (ids.length === 0) return [];
  const rows: { id: string; principal_sub: string; principal_agency: string; lawful_basis: string | null; child_suis: string[]; fields_disclosed: string[]; recipient_alone: boolean; records: { id: string; agency: string; restricted: boolean }[] | null }[] = await dataSource.query(
    `SELECT d.id, d.principal_sub, d.principal_agency, d.lawful_basis, d.child_suis, d.fields_disclosed, ${entryOwnAgencyAlone("d")} AS recipient_alone,
       (SELECT jsonb_agg(jsonb_build_object('id', r.id, 'agency', r.agency_code, 'restricted', r.labels && $3::text[]) ORDER BY r.id) FROM agency_record r
         WHERE r.id::text IN (SELECT jsonb_array_elements_text(COALESCE(d.details->'recordIds', '[]')))) AS records
     FROM disclosure_audit d WHERE d.id = ANY($1::uuid[]) AND d.outcome = $2 ORDER BY d.occurred_at, d.id`,
    [[...ids], AuditOutcome.DISCLOSED, RESTRICTING_LABELS],
  );
  return rows.map((row) => {
    const records = row.records ?? [];
    const recipient = row.recipient_alone ? [] : [row.principal_agency];
    const openParties = [...new Set([...recipient, ...records.filter((record) => !record.restricted && !(row.recipient_alone && record.agency === row.principal_agency)).map((record) => record.agency)])];
    return {
      id: row.id, principalSub: row.principal_sub, principalAgency: row.principal_agency, lawfulBasis: row.lawful_basis, childSuis: row.child_suis,
      fieldsDisclosed: row.fields_disclosed, parties: [...new Set([row.principal_agency, ...openParties, ...records.map((record) => record.agency)])], openParties, recipientAlone: row.recipient_alone,
      restrictedRecords: records.filter((record) => record.restricted).map(({ id, agency }) => ({ id, agency })),
    };
  });
}

/**
 * This agency's own SEALED or BROKERED records that went out in these disclosures. An IG lead's entry
 * about such a part names them (`concealedRecordIds`), so the trail keeps the entry's details — which
 * breach, which agencies — from every other agency's IG lead (`audit/trailAsRead`).
 */
export function ownRestrictedRecords(disclosures: readonly Pick<AffectedDisclosure, "restrictedRecords">[], agency: string): string[] {
  return [...new Set(disclosures.flatMap((disclosure) => disclosure.restrictedRecords.filter((record) => record.agency === agency).map((record) => record.id)))].sort();
}

/** What an entry's details carry for `ownRestrictedRecords`: nothing when there are none. */
export function concealedRecords(recordIds: readonly string[]): { concealedRecordIds?: string[] } {
  return recordIds.length === 0 ? {} : { concealedRecordIds: [...recordIds] };
}

/** The parties to a disclosure this agency may know of: the open ones, and itself when it is party in secret. */
export function partiesSeenBy(disclosure: Pick<AffectedDisclosure, "parties" | "openParties">, agency: string): string[] {
  return disclosure.parties.filter((party) => party === agency || disclosure.openParties.includes(party));
}

/**
 * What a breach concerns, from its disclosures: the children they were about (and any named beside
 * them), who received them, the agencies to tell — every party to each — and whether any was Part 3
 * data (stated on the lawful basis LAW_ENFORCEMENT, or police content), which is reported under DPA
 * 2018 s.67. `seenBy` names the agency it is summarised for: the agencies to tell are then those it may
 * know of (`partiesSeenBy`); without it, every controller, as the breach record holds them.
 */
export function summariseDisclosures(disclosures: readonly AffectedDisclosure[], extraSuis: readonly string[] = [], seenBy: string | null = null): AffectedDisclosures {
  const recipients = new Map<string, BreachRecipient>();
  for (const disclosure of disclosures) recipients.set(`${disclosure.principalAgency}\u0000${disclosure.principalSub}`, { sub: disclosure.principalSub, agency: disclosure.principalAgency });
  return {
    disclosureIds: disclosures.map((disclosure) => disclosure.id),
    childSuis: [...new Set([...extraSuis, ...disclosures.flatMap((disclosure) => disclosure.childSuis)])].sort(),
    recipients: [...recipients.values()],
    agenciesToTell: [...new Set(disclosures.flatMap((disclosure) => (seenBy === null ? disclosure.parties : partiesSeenBy(disclosure, seenBy))))].sort(),
    lawEnforcement: disclosures.some((disclosure) => disclosure.lawfulBasis === "LAW_ENFORCEMENT" || disclosure.fieldsDisclosed.some((path) => path.startsWith("police["))),
  };
}
