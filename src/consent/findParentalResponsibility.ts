import { type DataSource } from "typeorm";
import { type Relationship } from "../people/Relationship";
import { LinkMethod, LinkState } from "../identity/linkVocabulary";

/** The adult a parent's decision is keyed by, and the basis of their parental responsibility for the child. */
export interface ParentalResponsibility {
  adultId: string;
  relationship: Relationship;
  /** The record of the recorder's own agency that reports the relationship. */
  sourceRecordId: string;
}

/**
 * The person with parental responsibility for the child whom the caller's agency knows by `reference`
 * (its own reference for the adult, as its records report them), or null. Only the caller's agency's
 * own records, confirmed as this child's (by the SUI or a data steward), count: the answer reveals
 * nothing the caller's agency did not itself report.
 */
export async function findParentalResponsibility(dataSource: DataSource, childId: string, agencyCode: string, reference: string): Promise<ParentalResponsibility | null> {
  const [row] = await dataSource.query<{ adult_id: string; relationship: Relationship; source_record_id: string }[]>(
    `SELECT rel.adult_id, rel.relationship, rel.source_record_id
       FROM adult_identifier i
       JOIN child_adult_relationship rel ON rel.adult_id = i.adult_id AND rel.child_id = $1 AND rel.parental_responsibility
       JOIN agency_record r ON r.id = rel.source_record_id AND r.child_id = $1 AND r.agency_code = $2
                           AND r.link_state = $4 AND r.link_method <> $5
      WHERE i.agency_code = $2 AND i.reference = $3
      ORDER BY r.received_at, r.id
      LIMIT 1`,
    [childId, agencyCode, reference, LinkState.LINKED, LinkMethod.PROBABILISTIC],
  );
  return row ? { adultId: row.adult_id, relationship: row.relationship, sourceRecordId: row.source_record_id } : null;
}
