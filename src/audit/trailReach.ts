import { type Principal } from "../auth/Principal";
import { AgencyType } from "../directory/AgencyType";
import { addressReportedByUnrestrictedRecord, atProtectedLocation } from "../people/unrestrictedSource";

/** The IG lead the trail is read for: their agency and its type and local authority. */
export type TrailReader = Pick<Principal, "agency" | "agencyType" | "localAuthority">;

/** The children of a row: SUIs as text[] (`suis`), or — for a row keyed by the child itself — ids as uuid[] (`childIds`). */
export type RowChildren = { suis: string } | { childIds: string };

/**
 * What an IG lead answers for, as a SQL condition over a row of the trail (an audit entry, an IG alert):
 * their own agency's use of the hub and the children it holds information about, not the whole hub.
 * A row is theirs when their agency's staff made it; when it is about a child their agency holds a
 * record about; or, for children's services, when it is about a child with an address in their authority
 * as a record still linked to the child, neither sealed nor brokered, reports it, and at no location any
 * of the child's records protects (design principle 8: a refuge or an unaccompanied child's placement
 * must not tell the council of its area, through the trail, that the child is there). Another agency's
 * reads of other children — who looked, and the justification they wrote — are not theirs to read.
 *
 * `agency` is the row's acting-agency column; its children are `suis`, an expression giving their SUIs as
 * text[], or — for a row keyed by the child itself (an IG alert), so a child awaiting an SUI is reached
 * too — `childIds`, an expression giving their ids as uuid[].
 */
export function trailReach(reader: TrailReader, row: { agency: string } & RowChildren): { condition: string; parameters: Record<string, string> } {
  const children = childReach(reader, row);
  return { condition: `(${row.agency} = :readerAgency OR ${children.condition})`, parameters: children.parameters };
}

/**
 * The children half of `trailReach`, as a SQL condition over a row's children (`suis`, SUIs as text[], or
 * `childIds`, ids as uuid[]): true when any of them is a child the reader's agency holds a record about,
 * or (children's services) has an unprotected address in their authority, as `trailReach` says. Given one SUI (`ARRAY[s.sui]`), it says
 * whether the reader reaches that child: the one rule both for which rows an IG lead reads and for which
 * of a row's children they are shown (`trailAsRead.ts`).
 */
export function childReach(reader: TrailReader, row: RowChildren): { condition: string; parameters: Record<string, string> } {
  const children = "suis" in row ? `c.sui = ANY(${row.suis})` : `c.id = ANY(${row.childIds})`;
  const reach = [
    `EXISTS (SELECT 1 FROM child c JOIN agency_record r ON r.child_id = c.id
       WHERE ${children} AND r.agency_code = :readerAgency AND r.link_state = 'LINKED')`,
  ];
  if (reader.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE) {
    reach.push(`EXISTS (SELECT 1 FROM child c JOIN child_address a ON a.child_id = c.id
       WHERE ${children} AND a.local_authority = :readerLocalAuthority AND ${addressReportedByUnrestrictedRecord("a", "c")} AND NOT ${atProtectedLocation("a")})`);
  }
  return { condition: `(${reach.join(" OR ")})`, parameters: { readerAgency: reader.agency, readerLocalAuthority: reader.localAuthority } };
}
