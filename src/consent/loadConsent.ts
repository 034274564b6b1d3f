import { type DataSource } from "typeorm";
import { ConsentRecord } from "./ConsentRecord";
import { CONSENT_STANDS } from "./decisionStandsSql";
import { consentFact, type ConsentFact } from "./effectiveConsent";

/** Every consent decision that counts for the child, oldest first. */
export async function loadConsentFacts(dataSource: DataSource, childId: string): Promise<ConsentFact[]> {
  const records = await dataSource.getRepository(ConsentRecord).createQueryBuilder("consent")
    .leftJoin("consent.adult", "adult").addSelect("adult.id")
    .where("consent.child_id = :childId", { childId })
    // As the governed read counts them (disclosure/loadChildFile.ts).
    .andWhere(CONSENT_STANDS("consent"))
    .orderBy("consent.recordedAt", "ASC")
    .getMany();
  return records.map((record) => consentFact({ ...record, adultId: record.adult?.id ?? null }));
}
