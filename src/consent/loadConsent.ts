import { MoreThan, type DataSource } from "typeorm";
import { ConsentRecord } from "./ConsentRecord";
import { ConsentOverride } from "./ConsentOverride";
import { type ConsentFact } from "./effectiveConsent";

export async function loadConsentFacts(dataSource: DataSource, childId: string): Promise<ConsentFact[]> {
  const records = await dataSource.getRepository(ConsentRecord).find({ where: { child: { id: childId } }, order: { recordedAt: "ASC" } });
  return records.map((record) => ({
    givenBy: record.givenBy,
    childCompetent: record.childCompetent,
    giverKey: (record.giverDescription ?? "child").toLowerCase(),
    decision: record.decision,
    purposes: record.purposes,
    recordedAt: record.recordedAt,
  }));
}

/** The override in force for the child now (the latest not yet due for review), if any. */
export async function activeConsentOverride(dataSource: DataSource, childId: string, now: Date): Promise<ConsentOverride | null> {
  return dataSource.getRepository(ConsentOverride).findOne({
    where: { child: { id: childId }, reviewBy: MoreThan(now) },
    order: { recordedAt: "DESC" },
  });
}
