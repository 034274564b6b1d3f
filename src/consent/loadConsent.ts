import { type DataSource } from "typeorm";
import { ConsentRecord } from "./ConsentRecord";
import { consentFact, type ConsentFact } from "./effectiveConsent";

/** Every consent decision recorded for the child, oldest first. */
export async function loadConsentFacts(dataSource: DataSource, childId: string): Promise<ConsentFact[]> {
  const records = await dataSource.getRepository(ConsentRecord).find({ where: { child: { id: childId } }, order: { recordedAt: "ASC" } });
  return records.map(consentFact);
}
