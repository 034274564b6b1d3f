import { type DataSource } from "typeorm";
import { ConsentRecord } from "./ConsentRecord";
import { consentFact, type ConsentFact } from "./effectiveConsent";

/** Every consent decision recorded for the child, oldest first. */
export async function loadConsentFacts(dataSource: DataSource, childId: string): Promise<ConsentFact[]> {
  const records = await dataSource.getRepository(ConsentRecord).createQueryBuilder("consent")
    .leftJoin("consent.adult", "adult").addSelect("adult.id")
    .where("consent.child_id = :childId", { childId })
    .orderBy("consent.recordedAt", "ASC")
    .getMany();
  return records.map((record) => consentFact({ ...record, adultId: record.adult?.id ?? null }));
}
