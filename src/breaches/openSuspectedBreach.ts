import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntry } from "../audit/recordAuditEntry";
import { type AccessContext } from "../policy/AccessContext";
import { type PolicySet } from "../policy/PolicySet";
import { deadline } from "../timescales/deadline";
import { TimescaleId } from "../timescales/TimescaleId";
import { affectedDisclosures } from "./affectedDisclosures";
import { controllersOf } from "./ControllerPart";
import { BreachStatus, PersonalDataBreach, type BreachSource } from "./PersonalDataBreach";

export interface SuspectedBreach {
  source: BreachSource;
  /** The split or alert it came from (one breach each); null for one an IG lead opens. */
  sourceId: string | null;
  description: string;
  disclosureIds: readonly string[];
  /** Children affected beyond those the disclosures name (an alert's child). */
  childSuis: readonly string[];
  /** When the controller became aware: the 72 hours run from here. */
  awareAt: Date;
}

/**
 * Records a suspected breach with what the trail says of it and the time to report (72 hours from
 * awareness, `PERSONAL_DATA_BREACH_REPORT`), audited (BREACH_OPENED) before it is stored, in the name
 * of whoever's act revealed it, with an open part for each controlling agency (`ControllerPart.ts`). A
 * split or alert opens at most one breach: asking again returns it.
 */
export async function openSuspectedBreach(services: { dataSource: DataSource; policy: PolicySet }, principal: Principal, requestId: string, access: AccessContext, suspected: SuspectedBreach, now = new Date()): Promise<PersonalDataBreach> {
  const { dataSource, policy } = services;
  const repository = dataSource.getRepository(PersonalDataBreach);
  if (suspected.sourceId !== null) {
    const existing = await repository.findOneBy({ source: suspected.source, sourceId: suspected.sourceId });
    if (existing !== null) return existing;
  }
  const affected = await affectedDisclosures(dataSource, suspected.disclosureIds, suspected.childSuis);
  const due = deadline(TimescaleId.PERSONAL_DATA_BREACH_REPORT, suspected.awareAt, policy);
  const breach = repository.create({
    id: randomUUID(), source: suspected.source, sourceId: suspected.sourceId, description: suspected.description, ...affected,
    awareAt: suspected.awareAt, reportDueAt: due.dueAt, timescaleEdition: due.edition, status: BreachStatus.OPEN,
    decidedAt: null, openedBySub: principal.sub, openedByAgency: principal.agency,
  });
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.BREACH_OPENED, access, childSuis: breach.childSuis, outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: { breachId: breach.id, source: breach.source, sourceId: breach.sourceId, disclosureIds: breach.disclosureIds, agenciesToTell: breach.agenciesToTell, lawEnforcement: breach.lawEnforcement, awareAt: breach.awareAt.toISOString(), reportDueAt: breach.reportDueAt.toISOString() },
  }, now);
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(PersonalDataBreach).createQueryBuilder().insert().values(breach).orIgnore().execute();
    // Each controller's part, open on the clock; none when another request opened this split's or alert's breach first.
    await manager.query(
      `INSERT INTO breach_controller_part (breach_id, agency, status) SELECT b.id, a.agency, $3 FROM personal_data_breach b, unnest($2::varchar[]) AS a(agency) WHERE b.id = $1`,
      [breach.id, controllersOf(breach), BreachStatus.OPEN],
    );
  });
  return repository.findOneByOrFail(suspected.sourceId === null ? { id: breach.id } : { source: suspected.source, sourceId: suspected.sourceId });
}
