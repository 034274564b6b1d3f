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
import { concealedRecords, loadAffectedDisclosures, ownRestrictedRecords, summariseDisclosures } from "./affectedDisclosures";
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
  /** When the opener's agency became aware: its 72 hours run from here; every other controller's from when the hub tells it. */
  awareAt: Date;
}

/**
 * Records a suspected breach with what the trail says of it and the time to report (72 hours from
 * awareness, `PERSONAL_DATA_BREACH_REPORT`), audited (BREACH_OPENED) before it is stored, in the name
 * of whoever's act revealed it, with an open part for each controlling agency (`ControllerPart.ts`), each
 * on its own clock: the opener's agency's from its awareness, every other controller's from now — the hub
 * tells it by recording its part, which its IG leads' breach log and overdue view show from this instant
 * (Art 33(1): a controller is aware when it is told). A split or alert opens at most one breach: asking
 * again returns it.
 */
export async function openSuspectedBreach(services: { dataSource: DataSource; policy: PolicySet }, principal: Principal, requestId: string, access: AccessContext, suspected: SuspectedBreach, now = new Date()): Promise<PersonalDataBreach> {
  const { dataSource, policy } = services;
  const repository = dataSource.getRepository(PersonalDataBreach);
  if (suspected.sourceId !== null) {
    const existing = await repository.findOneBy({ source: suspected.source, sourceId: suspected.sourceId });
    if (existing !== null) return existing;
  }
  const disclosures = await loadAffectedDisclosures(dataSource, suspected.disclosureIds);
  const affected = summariseDisclosures(disclosures, suspected.childSuis);
  const due = deadline(TimescaleId.PERSONAL_DATA_BREACH_REPORT, suspected.awareAt, policy);
  const breach = repository.create({
    id: randomUUID(), source: suspected.source, sourceId: suspected.sourceId, description: suspected.description, ...affected,
    awareAt: suspected.awareAt, reportDueAt: due.dueAt, timescaleEdition: due.edition, status: BreachStatus.OPEN,
    decidedAt: null, openedBySub: principal.sub, openedByAgency: principal.agency,
  });
  // The opener's agency knew when it says; every other controller is told now, by the hub recording its part.
  const toldNow = deadline(TimescaleId.PERSONAL_DATA_BREACH_REPORT, now, policy);
  const parts = controllersOf(breach).map((agency) => (agency === principal.agency
    ? { agency, awareAt: breach.awareAt, reportDueAt: due.dueAt, timescaleEdition: due.edition }
    : { agency, awareAt: now, reportDueAt: toldNow.dueAt, timescaleEdition: toldNow.edition }));
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.BREACH_OPENED, access, childSuis: breach.childSuis, outcome: AuditOutcome.RECORDED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    // The opener's agency reads this entry in full, and others holding its children read it too: it names only the controllers the opener may know of,
    // and an opener party through its own sealed or brokered records names them, so the trail keeps these details from every other agency.
    details: {
      // Nor a disclosure whose entry is its recipient agency's alone on the trail (`recipientAlone`): that agency's part, told to it by its own.
      breachId: breach.id, source: breach.source, sourceId: breach.sourceId, agenciesToTell: summariseDisclosures(disclosures, [], principal.agency).agenciesToTell,
      disclosureIds: disclosures.filter((disclosure) => !disclosure.recipientAlone || disclosure.principalAgency === principal.agency).map((disclosure) => disclosure.id),
      lawEnforcement: breach.lawEnforcement, awareAt: breach.awareAt.toISOString(), reportDueAt: breach.reportDueAt.toISOString(), ...concealedRecords(ownRestrictedRecords(disclosures, principal.agency)),
    },
  }, now);
  await dataSource.transaction(async (manager) => {
    await manager.getRepository(PersonalDataBreach).createQueryBuilder().insert().values(breach).orIgnore().execute();
    // Each controller's part, open on its own clock; none when another request opened this split's or alert's breach first.
    await manager.query(
      `INSERT INTO breach_controller_part (breach_id, agency, status, aware_at, report_due_at, timescale_edition)
       SELECT b.id, p.agency, $3, p.aware_at, p.report_due_at, p.timescale_edition FROM personal_data_breach b,
         jsonb_to_recordset($2::jsonb) AS p(agency varchar, aware_at timestamptz, report_due_at timestamptz, timescale_edition varchar) WHERE b.id = $1`,
      [breach.id, JSON.stringify(parts.map((part) => ({ agency: part.agency, aware_at: part.awareAt.toISOString(), report_due_at: part.reportDueAt.toISOString(), timescale_edition: part.timescaleEdition }))), BreachStatus.OPEN],
    );
  });
  return repository.findOneByOrFail(suspected.sourceId === null ? { id: breach.id } : { source: suspected.source, sourceId: suspected.sourceId });
}
