import { type DataSource, type EntityManager } from "typeorm";
import { type PolicySet } from "../policy/PolicySet";
import { involvementCurrent } from "../policy/involvementLapse";
import { type AddressKind } from "../people/AddressKind";
import { currentResidence } from "../people/residence";
import { addressTellsWhereChildLives } from "../people/unrestrictedSource";
import { RecordType } from "../records/RecordType";

/** The lead agency of a child, as the rule on exclusions reads it: the agencies, and the authorities they serve. */
export interface LeadAgency {
  /** The local authorities responsible for the child (none when the hub cannot tell). */
  localAuthorities: string[];
  /** The directory's agencies of the lead agency's type serving those authorities. */
  agencyCodes: string[];
}

const CONFIRMED_UNRESTRICTED = `r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC' AND NOT (r.labels && ARRAY['SEALED', 'BROKERED']::text[])`;

/**
 * The child's lead agency (policies/exclusions.yaml `leadAgency`; a complex abuse strategy is the local
 * authority's): children's social care of the authority responsible for the child — the one a current
 * social care case names responsible, or, with no current case, the one where the child lives — as the
 * hub derives it under design principle 8: from records linked by SUI or a steward that are neither
 * sealed nor brokered, and never from an address at a location any of the child's records protects (a
 * refuge does not make its area's council the child's lead). One statement for the facts and one for
 * the directory, always sent, for a child the hub holds or not (no child: no lead agency).
 */
export async function leadAgencyOf(db: DataSource | EntityManager, policy: PolicySet, childId: string | null, now: Date): Promise<LeadAgency> {
  const [facts] = await db.query<{ cases: CaseRow[] | null; addresses: AddressRow[] | null }[]>(
    `SELECT
       (SELECT json_agg(json_build_object('updatedAt', r.updated_at, 'details', to_jsonb(sc)))
          FROM agency_record r JOIN social_care_record sc ON sc.record_id = r.id WHERE r.child_id = c.id AND ${CONFIRMED_UNRESTRICTED}) AS cases,
       (SELECT json_agg(json_build_object('kind', a.kind, 'localAuthority', a.local_authority, 'validFrom', a.valid_from::text, 'firstReportedAt', a.first_reported_at))
          FROM child_address a WHERE a.child_id = c.id AND ${addressTellsWhereChildLives("a", "c")}
            AND EXISTS (SELECT 1 FROM agency_record r WHERE r.id = a.source_record_id AND ${CONFIRMED_UNRESTRICTED})) AS addresses
     FROM (SELECT) AS asked LEFT JOIN child c ON c.id = $1::uuid`,
    [childId],
  );
  const rule = policy.involvement.get(RecordType.SOCIAL_CARE);
  const cases = (facts?.cases ?? [])
    .map((row) => ({ updatedAt: new Date(row.updatedAt), details: camelCased(row.details) }))
    .filter((row) => rule === undefined || involvementCurrent(rule, row.details, row.updatedAt, now));
  const named = [...new Set(cases.flatMap((row) => (typeof row.details.responsibleLocalAuthority === "string" ? [row.details.responsibleLocalAuthority] : [])))];
  const residence = named.length > 0 ? null : currentResidence((facts?.addresses ?? []).map((row) => ({ ...row, firstReportedAt: new Date(row.firstReportedAt) })));
  const localAuthorities = named.length > 0 ? named.sort() : residence?.localAuthority == null ? [] : [residence.localAuthority];
  const agencies = await db.query<{ code: string }[]>(
    `SELECT code FROM agency WHERE type = $1 AND active AND local_authority = ANY($2::text[]) ORDER BY code`,
    [policy.exclusionRecording.leadAgency.agencyType, localAuthorities],
  );
  return { localAuthorities, agencyCodes: agencies.map((agency) => agency.code) };
}

interface CaseRow {
  updatedAt: string;
  details: Record<string, unknown>;
}

interface AddressRow {
  kind: AddressKind;
  localAuthority: string | null;
  validFrom: string | null;
  firstReportedAt: string;
}

/** A detail row's columns under the record's field names, as the involvement rules name them. */
function camelCased(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([column, value]) => [column.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()), value]));
}
