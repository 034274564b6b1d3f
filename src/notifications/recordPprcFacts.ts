import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { AdultIdentifier } from "../people/AdultIdentifier";
import { AgencyRecord } from "../records/AgencyRecord";
import { type AgencyRecordSubmission } from "../records/AgencyRecordSubmission";
import { PrisonRecord } from "../records/details/PrisonRecord";
import { LinkMethod } from "../identity/linkVocabulary";
import { type ReportedIdentity } from "../identity/ReportedIdentity";
import { Relationship } from "../people/Relationship";
import { PprcEvent } from "./PprcEvent";
import { assertChildrenHeld, storeNotifiedRecords } from "./submission/storeNotifiedRecords";
import { type PprcNotificationSubmission } from "./PprcNotificationSubmission";
import { PprcNotificationProblem } from "./validatePprcNotification";

/** Who the notification is about, as the hub now holds them. */
export interface PprcFacts {
  adultId: string;
  /** The prison's records of the PPRC and each child, in the order the children were given. */
  recordIds: string[];
  /** Each identified child's SUI, where the hub links the prison's record to a child that has one. */
  childSuis: (string | null)[];
}

/**
 * The prison's record of the PPRC and each identified child, stored as any agency's record is (the
 * batched write path of `records/`): the child linked by SUI or matched on demographics (auto-link, a
 * steward's review, or a new child), the prisoner as the record's subject — matched to the adult the
 * hub holds by prison number, other national identifiers or demographics (`people/recordAdults`) —
 * through `submission/storeNotifiedRecords`: an OMU officer's notification is stored as the prison's
 * record, naming only children the prison already holds.
 *
 * With no child identified, the prisoner must already be held through the prison's reference (its
 * prison number): the hub holds an adult only through a child (`people/README.md`).
 */
export async function recordPprcFacts(dataSource: DataSource, principal: Principal, notification: PprcNotificationSubmission, now: Date): Promise<PprcFacts> {
  const children = notification.childrenAtRisk ?? [];
  if (children.length === 0) {
    const adultId = await heldPrisoner(dataSource, notification);
    if (notification.event === PprcEvent.STATUS_CHANGE) await restateHeldChildren(dataSource, principal, notification, now);
    return { adultId, recordIds: [], childSuis: [] };
  }

  // An officer (not the prison's system) names only children the prison's records already hold.
  await assertChildrenHeld(dataSource, principal, notification.agencyCode, children.map((child, index) => ({ reference: child.reference, sui: child.sui, path: `notification.childrenAtRisk[${index}]` })),
    PprcNotificationProblem.CHILD_NOT_HELD_BY_PRISON,
    "An officer may name only a child the prison's records already hold, by that record's reference and the child's SUI; a child the prison does not yet hold is reported by the prison's system.");
  const held = await heldPrisonRecords(dataSource, notification.agencyCode, children.map((child) => child.reference));
  const stored = await storeNotifiedRecords(dataSource, principal, children.map((child, index) => ({ submission: prisonRecordOf(notification, child, held.get(child.reference)), path: `notification.childrenAtRisk[${index}]` })), now);
  const recordIds = stored.map((record) => record.recordId);
  const prison = await dataSource.getRepository(PrisonRecord).findOneOrFail({ where: { recordId: recordIds[0] }, relations: { prisoner: true } });
  return { adultId: prison.prisoner.mergedIntoId ?? prison.prisoner.id, recordIds, childSuis: stored.map((record) => record.childSui) };
}

/**
 * A status change that names no child speaks of the prisoner, so of every child the prison holds under
 * him: each of the prison's records of a child under this prison number is stored again with the new
 * status (and the day it was assessed), the child as the prison last reported them. A `NO_LONGER_PPRC`
 * then ends the prison's involvement with each of those children by the rules in
 * `policies/relationships.yaml`, as it would had the prison named them. The notification's content
 * names no child, so neither do its deliveries' audit entries (`recordIds` stays empty): the records
 * are changed through the record path, as any record is.
 */
async function restateHeldChildren(dataSource: DataSource, principal: Principal, notification: PprcNotificationSubmission, now: Date): Promise<void> {
  const rows = await dataSource.query<{ reference: string; identity: ReportedIdentity; sui: string | null; linkMethod: string; relationship: Relationship | null }[]>(
    `SELECT DISTINCT ON (r.id) r.agency_reference AS reference, r.reported_identity AS identity, c.sui, r.link_method AS "linkMethod", car.relationship
       FROM agency_record r
       JOIN prison_record p ON p.record_id = r.id
       LEFT JOIN child c ON c.id = r.child_id
       LEFT JOIN child_adult_relationship car ON car.source_record_id = r.id
      WHERE r.agency_code = $1 AND p.prison_number = $2
      -- The prisoner's relationship as the record gave it (under his prison number, or as a steward left it).
      ORDER BY r.id, (car.adult_reference = p.prison_number) DESC NULLS LAST, car.poses_risk_to_child DESC NULLS LAST, car.id`,
    [notification.agencyCode, notification.prisoner.prisonNumber.toUpperCase()],
  );
  if (rows.length === 0) return;
  const held = await heldPrisonRecords(dataSource, notification.agencyCode, rows.map((row) => row.reference));
  await storeNotifiedRecords(dataSource, principal, rows.map((row) => ({
    submission: prisonRecordOf(notification, {
      reference: row.reference,
      // An SUI only where the record was linked by one: a child matched on demographics stays matched.
      sui: row.linkMethod === LinkMethod.SUI ? row.sui : null,
      givenNames: row.identity.givenNames, familyName: row.identity.familyName, dateOfBirth: row.identity.dateOfBirth,
      sex: row.identity.sex, address: row.identity.address, relationshipToPrisoner: row.relationship ?? Relationship.NO_FAMILIAL_RELATIONSHIP,
    }, held.get(row.reference)),
    path: "notification.prisoner",
  })), now);
}

/** What the prison's records of these references already say, which a notification about one event leaves as it was. */
interface HeldPrisonRecord {
  record: Pick<AgencyRecord, "labels" | "fieldLabels" | "recordedAt">;
  details: Pick<PrisonRecord, "pprcAssessedOn" | "expectedReleaseDate" | "offenderManagementUnitContact">;
}

async function heldPrisonRecords(dataSource: DataSource, agencyCode: string, references: string[]): Promise<Map<string, HeldPrisonRecord>> {
  const records = await dataSource.getRepository(AgencyRecord).find({ where: references.map((agencyReference) => ({ agency: { code: agencyCode }, agencyReference })) });
  const details = records.length === 0 ? [] : await dataSource.getRepository(PrisonRecord).find({ where: records.map((record) => ({ recordId: record.id })) });
  const detailsOf = new Map(details.map((prison) => [prison.recordId, prison]));
  const held = new Map<string, HeldPrisonRecord>();
  for (const record of records) {
    const prison = detailsOf.get(record.id);
    if (prison !== undefined) held.set(record.agencyReference, { record, details: prison });
  }
  return held;
}

/**
 * The prison's record of the PPRC and one child, as the notification updates it: what the event speaks to
 * (the status, a release's date, the contact given) replaces what the record held, and what it does not
 * — an expected release date, when the status was assessed, the record's labels and date — stays as the
 * prison last reported it (a request to change name is not news that the release date is unknown).
 */
function prisonRecordOf(notification: PprcNotificationSubmission, child: NonNullable<PprcNotificationSubmission["childrenAtRisk"]>[number], held: HeldPrisonRecord | undefined): AgencyRecordSubmission {
  const { prisoner } = notification;
  const assessedOn = notification.pprcAssessedOn ?? (notification.event === "STATUS_CHANGE" ? notification.eventDate : null);
  return {
    agencyCode: notification.agencyCode,
    agencyReference: child.reference,
    recordedAt: held?.record.recordedAt ?? null,
    labels: held?.record.labels ?? [],
    fieldLabels: Object.entries(held?.record.fieldLabels ?? {}).flatMap(([field, labels]) => (labels === undefined ? [] : [{ field, labels }])),
    child: { sui: child.sui ?? null, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null, sex: child.sex, address: child.address ?? null },
    relatedAdults: [{
      reference: prisoner.prisonNumber.toUpperCase(), givenNames: prisoner.givenNames, familyName: prisoner.familyName, dateOfBirth: prisoner.dateOfBirth,
      sex: prisoner.sex, homeLocalAuthority: prisoner.homeLocalAuthority ?? null, relationship: child.relationshipToPrisoner, posesRiskToChild: true,
      subjectOfRecord: true, postcode: prisoner.postcode ?? null, nhsNumber: prisoner.nhsNumber ?? null, prisonNumber: prisoner.prisonNumber.toUpperCase(),
      pncId: prisoner.pncId ?? null, probationCrn: prisoner.probationCrn ?? null,
    }],
    prison: {
      prisonNumber: prisoner.prisonNumber.toUpperCase(),
      pprcStatus: notification.pprcStatus,
      pprcAssessedOn: assessedOn ?? held?.details.pprcAssessedOn ?? null,
      expectedReleaseDate: notification.release?.date ?? held?.details.expectedReleaseDate ?? null,
      offenderManagementUnitContact: notification.offenderManagementUnitContact ?? held?.details.offenderManagementUnitContact ?? null,
    },
  };
}

async function heldPrisoner(dataSource: DataSource, notification: PprcNotificationSubmission): Promise<string> {
  const identifier = await dataSource.getRepository(AdultIdentifier).findOne({
    where: { agencyCode: notification.agencyCode, reference: notification.prisoner.prisonNumber.toUpperCase() },
    relations: { adult: true },
  });
  if (identifier === null) {
    throw new HubError(ErrorCode.INVALID_INPUT, "The hub holds no adult under this prison number for your prison: identify at least one child at risk, so the prisoner can be linked.", {
      path: "notification.childrenAtRisk", problem: PprcNotificationProblem.CHILD_AT_RISK_REQUIRED,
    });
  }
  return identifier.adult.mergedIntoId ?? identifier.adult.id;
}
