import { type EntityManager } from "typeorm";
import { type AdultLinkMethod } from "../../../people/AdultLinkMethod";

/** One agency's reference for an adult, as a steward sees it: never the reference itself (it may be a prison number). */
export interface AdultReferenceView {
  identifierId: string;
  agencyCode: string;
  linkMethod: AdultLinkMethod;
}

/**
 * An adult as a data steward compares them: the names, dates of birth and postcodes agencies reported
 * on unrestricted records (a name only a sealed or brokered record gave never shows, even where its
 * agency also holds the person through an ordinary record), and which agencies hold them and how. Never a national identifier's value,
 * never an agency's reference, never record content.
 */
export interface AdultView {
  adultId: string;
  knownNames: string[];
  datesOfBirth: string[];
  postcodes: string[];
  references: AdultReferenceView[];
}

interface AdultViewRow {
  adult_id: string;
  names: string[];
  dates: string[];
  postcodes: string[];
  refs: { identifierId: string; agencyCode: string; linkMethod: AdultLinkMethod }[];
}

export async function loadAdultViews(manager: EntityManager, adultIds: readonly string[]): Promise<Map<string, AdultView>> {
  if (adultIds.length === 0) return new Map();
  const rows: AdultViewRow[] = await manager.query(
    `SELECT a.id AS adult_id,
       COALESCE((SELECT array_agg(DISTINCT n.given_names || ' ' || n.family_name) FROM adult_name n
                 WHERE n.adult_id = a.id AND NOT n.restricted AND EXISTS (SELECT 1 FROM adult_identifier r WHERE r.adult_id = a.id AND r.agency_code = n.reported_by AND NOT r.restricted)), '{}') AS names,
       COALESCE((SELECT array_agg(DISTINCT i.date_of_birth::text) FROM adult_identifier i WHERE i.adult_id = a.id AND NOT i.restricted AND i.date_of_birth IS NOT NULL), '{}') AS dates,
       COALESCE((SELECT array_agg(DISTINCT i.postcode) FROM adult_identifier i WHERE i.adult_id = a.id AND NOT i.restricted AND i.postcode IS NOT NULL), '{}') AS postcodes,
       COALESCE((SELECT json_agg(json_build_object('identifierId', i.id, 'agencyCode', i.agency_code, 'linkMethod', i.link_method) ORDER BY i.created_at, i.id)
                 FROM adult_identifier i WHERE i.adult_id = a.id AND NOT i.restricted), '[]') AS refs
     FROM adult a WHERE a.id = ANY($1::uuid[])`,
    [adultIds],
  );
  return new Map(rows.map((row) => [row.adult_id, { adultId: row.adult_id, knownNames: row.names.sort(), datesOfBirth: row.dates.sort(), postcodes: row.postcodes.sort(), references: row.refs }]));
}

/** The SUIs of the children these adults are related to by confirmed records: the audit entry names them, so the IG trail shows whose family a steward looked at. */
export async function childrenOfAdults(manager: EntityManager, adultIds: readonly string[]): Promise<string[]> {
  if (adultIds.length === 0) return [];
  const rows = await manager.query<{ sui: string }[]>(
    `SELECT DISTINCT c.sui FROM child_adult_relationship rel JOIN child c ON c.id = rel.child_id
     WHERE rel.adult_id = ANY($1::uuid[]) AND c.sui IS NOT NULL ORDER BY c.sui`,
    [adultIds],
  );
  return rows.map((row) => row.sui);
}
