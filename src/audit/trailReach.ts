import { type Principal } from "../auth/Principal";
import { AgencyType } from "../directory/AgencyType";
import { addressTellsWhereChildLives } from "../people/unrestrictedSource";

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
 * of the child's records protects (`addressTellsWhereChildLives`; design principle 8: a refuge or an unaccompanied child's placement
 * must not tell the council of its area, through the trail, that the child is there). Another agency's
 * reads of other children — who looked, and the justification they wrote — are not theirs to read; nor
 * is any row made by an agency that holds a SEALED or BROKERED record about one of the row's children
 * (`restrictedHolderRow`), whatever it says: its agency names the school of a child with a new identity,
 * the clinic a child attends, which the seal (nothing) and the broker (only an agency of some type is
 * involved) keep from every other agency (design principles 5 and 8). Such a row is its agency's IG
 * leads' alone, as a concealed route's is (`concealed`: marked on the row itself, so it holds whatever
 * later becomes of the record).
 *
 * `agency` is the row's acting-agency column; its children are `suis`, an expression giving their SUIs as
 * text[], or — for a row keyed by the child itself (an IG alert), so a child awaiting an SUI is reached
 * too — `childIds`, an expression giving their ids as uuid[].
 */
export function trailReach(reader: TrailReader, row: { agency: string; concealed?: string } & RowChildren): { condition: string; parameters: Record<string, string> } {
  const children = childReach(reader, row);
  return { condition: `(${row.agency} = :readerAgency OR (${children.condition} AND NOT ${ownAgencyAlone(row)}))`, parameters: children.parameters };
}

/**
 * The half of `trailReach` that does not depend on the reader, as a SQL condition over a row: whether it
 * is its acting agency's alone — made by an agency that holds a SEALED or BROKERED record about one of its
 * children (`restrictedHolderRow`), or by a concealed route (`concealed`, when given). Such a row, and the
 * agency it names, reach no other agency's person by any path: not a list of the trail, and not any other
 * list built from it (a wrong-link report, the recipients Art 19 says to tell, a breach's parties). Where a
 * duty needs the agency told, the hub tells it on its own trail (`audit/README.md`, "trail reach").
 */
export function ownAgencyAlone(row: { agency: string; concealed?: string } & RowChildren): string {
  return row.concealed === undefined ? restrictedHolderRow(row) : `(${restrictedHolderRow(row)} OR ${row.concealed})`;
}

/**
 * An audit entry (`entry`, the alias of a raw `disclosure_audit` row) as the trail's reach sees it, for a
 * list built from entries about a child the reader was already admitted to: `ownAgencyAlone` with the
 * concealed-route marker, so one rule says which entries a list may show.
 */
export function entryOwnAgencyAlone(entry: string): string {
  return ownAgencyAlone({ agency: `${entry}.principal_agency`, suis: `${entry}.child_suis`, concealed: concealedRouteEntry(`${entry}.details`) });
}

/**
 * Whether a row of the trail was made by an agency that holds, or has held, a SEALED or BROKERED record
 * about any of the row's children, as a SQL condition: a record tied to the child whatever its link
 * state (deny by default; a record awaiting a steward's decision is tied to no child), as the database
 * keeps it (`restricted_holding`, written by a trigger whenever such a record is stored, labelled or
 * linked, and kept after the record is removed, split off or unlabelled). Its agency's staff reading or
 * recording anything about the child would tell another holder's IG lead that the agency holds the child.
 */
function restrictedHolderRow(row: { agency: string } & RowChildren): string {
  return `EXISTS (SELECT 1 FROM child c JOIN restricted_holding held ON held.child_id = c.id
    WHERE ${rowChild(row)} AND held.agency_code = ${row.agency})`;
}

/** The marker a concealed route's delivery entry carries in its `details` (`concealed: true`, `notifications/auditDelivery.ts`), as SQL (built, not quoted, so no `:` reaches a statement's parameter parsing). */
const CONCEALED_JSON = "jsonb_build_object('concealed', true)";

/**
 * Whether a trail entry exists because of a concealed route (`notifications/routing/recordHolders.ts`: an
 * agency told of a child only from its own SEALED record), as a SQL condition over the entry's `details`:
 * the delivery's own entry (marked `concealed`), or a read or an acknowledgement of such a delivery (its
 * `disclosureIds` name the delivery's entry). Such an entry names the agency that holds a child with a new
 * identity, which the notifier's receipt keeps from it: it is on the trail of that agency's IG leads
 * (their own staff's, or the hub's on their behalf) and no one else's (`trailReach`'s `concealed`).
 */
export function concealedRouteEntry(details: string): string {
  return `(${details} @> ${CONCEALED_JSON} OR (jsonb_typeof(${details}->'disclosureIds') = 'array' AND EXISTS (
    SELECT 1 FROM disclosure_audit routed
     WHERE routed.id IN (SELECT CAST(named.id AS uuid) FROM jsonb_array_elements_text(${details}->'disclosureIds') AS named(id))
       AND routed.operation = 'NOTIFICATION_DELIVERY' AND routed.details @> ${CONCEALED_JSON})))`;
}

/** Whether an IG alert (by its first disclosure, `disclosureId`, a SQL expression) was raised by a concealed route's entry (`concealedRouteEntry`). */
export function concealedRouteAlert(disclosureId: string): string {
  return `EXISTS (SELECT 1 FROM disclosure_audit alerted WHERE alerted.id = ${disclosureId} AND ${concealedRouteEntry("alerted.details")})`;
}

/** Whether a webhook (by its delivery, `deliveryId`, a SQL expression) sends a concealed route's delivery: the same rule as `concealedRouteEntry`. */
export function concealedRouteWebhook(deliveryId: string): string {
  return `EXISTS (SELECT 1 FROM notification_delivery routedDelivery JOIN disclosure_audit routed ON routed.id = routedDelivery.disclosure_id
     WHERE routedDelivery.id = ${deliveryId} AND routed.details @> ${CONCEALED_JSON})`;
}

/**
 * The children half of `trailReach`, as a SQL condition over a row's children (`suis`, SUIs as text[], or
 * `childIds`, ids as uuid[]): true when any of them is a child the reader's agency holds a record about,
 * or (children's services) has an unprotected address in their authority, as `trailReach` says. Given one SUI (`ARRAY[s.sui]`), it says
 * whether the reader reaches that child: the one rule both for which rows an IG lead reads and for which
 * of a row's children they are shown (`trailAsRead.ts`).
 */
export function childReach(reader: TrailReader, row: RowChildren): { condition: string; parameters: Record<string, string> } {
  const children = rowChild(row);
  const reach = [
    `EXISTS (SELECT 1 FROM child c JOIN agency_record r ON r.child_id = c.id
       WHERE ${children} AND r.agency_code = :readerAgency AND r.link_state = 'LINKED')`,
  ];
  if (reader.agencyType === AgencyType.CHILDRENS_SOCIAL_CARE) {
    reach.push(`EXISTS (SELECT 1 FROM child c JOIN child_address a ON a.child_id = c.id
       WHERE ${children} AND a.local_authority = :readerLocalAuthority AND ${addressTellsWhereChildLives("a", "c")})`);
  }
  return { condition: `(${reach.join(" OR ")})`, parameters: { readerAgency: reader.agency, readerLocalAuthority: reader.localAuthority } };
}

/** SQL: the child `c` is one of the row's children. */
function rowChild(row: RowChildren): string {
  return "suis" in row ? `c.sui = ANY(${row.suis})` : `c.id = ANY(${row.childIds})`;
}
