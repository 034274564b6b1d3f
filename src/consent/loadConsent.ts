import { type DataSource } from "typeorm";
import { ConsentRecord } from "./ConsentRecord";
import { consentFact, type ConsentFact } from "./effectiveConsent";

/** Every consent decision that counts for the child, oldest first. */
export async function loadConsentFacts(dataSource: DataSource, childId: string): Promise<ConsentFact[]> {
  const records = await dataSource.getRepository(ConsentRecord).createQueryBuilder("consent")
    .leftJoin("consent.adult", "adult").addSelect("adult.id")
    .where("consent.child_id = :childId", { childId })
    // As the governed read counts them (disclosure/loadChildFile.ts): a parent's decision counts while
    // the record that founded their parental responsibility is still linked to this child.
    .andWhere(`(consent.parental_responsibility_source_id IS NULL OR EXISTS (
      SELECT 1 FROM agency_record r WHERE r.id = consent.parental_responsibility_source_id AND r.child_id = consent.child_id AND r.link_state = 'LINKED'))`)
    .orderBy("consent.recordedAt", "ASC")
    .getMany();
  return records.map((record) => consentFact({ ...record, adultId: record.adult?.id ?? null }));
}
