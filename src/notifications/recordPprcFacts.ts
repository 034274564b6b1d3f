import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { ErrorCode, HubError } from "../errors/HubError";
import { AdultIdentifier } from "../people/AdultIdentifier";
import { AgencyRecord } from "../records/AgencyRecord";
import { type AgencyRecordSubmission } from "../records/AgencyRecordSubmission";
import { PrisonRecord } from "../records/details/PrisonRecord";
import { submitRecords } from "../records/submitRecord";
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
 * hub holds by prison number, other national identifiers or demographics (`people/recordAdults`). A
 * notification is the prison's own report of what its system holds, authorised by
 * `pprcSubmissionPolicy`: an OMU officer's notification is stored as the prison's record.
 *
 * With no child identified, the prisoner must already be held through the prison's reference (its
 * prison number): the hub holds an adult only through a child (`people/README.md`).
 */
export async function recordPprcFacts(dataSource: DataSource, principal: Principal, notification: PprcNotificationSubmission, now: Date): Promise<PprcFacts> {
  const children = notification.childrenAtRisk ?? [];
  if (children.length === 0) return { adultId: await heldPrisoner(dataSource, notification), recordIds: [], childSuis: [] };

  if (!principal.roles.includes(Role.AGENCY_SYSTEM)) await assertChildrenHeldByPrison(dataSource, notification);
  const asPrison: Principal = { ...principal, roles: [Role.AGENCY_SYSTEM] };
  const held = await heldPrisonRecords(dataSource, notification.agencyCode, children.map((child) => child.reference));
  const results = await submitRecords(dataSource, children.map((child) => ({ principal: asPrison, submission: prisonRecordOf(notification, child, held.get(child.reference)) })), now);
  const recordIds = results.map((result, index) => {
    if (result.stored) return result.receipt.recordId;
    throw pathed(result.error, `notification.childrenAtRisk[${index}]`);
  });
  const records = await dataSource.getRepository(AgencyRecord).find({ where: recordIds.map((id) => ({ id })), relations: { child: true } });
  const prison = await dataSource.getRepository(PrisonRecord).findOneOrFail({ where: { recordId: recordIds[0] }, relations: { prisoner: true } });
  const suiOf = new Map(records.map((record) => [record.id, record.child?.sui ?? null]));
  return { adultId: prison.prisoner.mergedIntoId ?? prison.prisoner.id, recordIds, childSuis: recordIds.map((id) => suiOf.get(id) ?? null) };
}

/**
 * An officer's notification (not the prison's system) may name only children the prison's own records
 * already hold, each by its reference there and the SUI it is linked to: a person never founds, or
 * moves to another child, the record that makes the prison involved with a child (and so lets its staff
 * read that child's file). A child the prison does not yet hold is reported by the prison's system, as
 * any record is (`records/submissionPolicy.ts`).
 */
async function assertChildrenHeldByPrison(dataSource: DataSource, notification: PprcNotificationSubmission): Promise<void> {
  const children = notification.childrenAtRisk ?? [];
  const rows = await dataSource.query<{ reference: string; sui: string | null }[]>(
    `SELECT r.agency_reference AS reference, c.sui FROM agency_record r JOIN child c ON c.id = r.child_id
     WHERE r.agency_code = $1 AND r.agency_reference = ANY($2::text[]) AND r.link_state = 'LINKED'`,
    [notification.agencyCode, children.map((child) => child.reference)],
  );
  const held = new Map(rows.map((row) => [row.reference, row.sui]));
  children.forEach((child, index) => {
    const sui = child.sui?.trim() ?? "";
    if (sui === "" || held.get(child.reference) !== sui) {
      throw new HubError(ErrorCode.FORBIDDEN, "An officer may name only a child the prison's records already hold, by that record's reference and the child's SUI; a child the prison does not yet hold is reported by the prison's system.", {
        path: `notification.childrenAtRisk[${index}]`, problem: PprcNotificationProblem.CHILD_NOT_HELD_BY_PRISON,
      });
    }
  });
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

/** A record's refusal, with its path under the child at risk it came from. */
function pathed(error: unknown, prefix: string): unknown {
  if (!(error instanceof HubError)) return error;
  const path = typeof error.details.path === "string" ? error.details.path.replace(/^record/, prefix) : prefix;
  return new HubError(error.code, error.message, { ...error.details, path });
}
