import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";
import { AdultIdentifier } from "../people/AdultIdentifier";
import { type AgencyRecordSubmission } from "../records/AgencyRecordSubmission";
import { PrisonRecord } from "../records/details/PrisonRecord";
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
  if (children.length === 0) return { adultId: await heldPrisoner(dataSource, notification), recordIds: [], childSuis: [] };

  // An officer (not the prison's system) names only children the prison's records already hold.
  await assertChildrenHeld(dataSource, principal, notification.agencyCode, children.map((child, index) => ({ reference: child.reference, sui: child.sui, path: `notification.childrenAtRisk[${index}]` })),
    PprcNotificationProblem.CHILD_NOT_HELD_BY_PRISON,
    "An officer may name only a child the prison's records already hold, by that record's reference and the child's SUI; a child the prison does not yet hold is reported by the prison's system.");
  const stored = await storeNotifiedRecords(dataSource, principal, children.map((child, index) => ({ submission: prisonRecordOf(notification, child), path: `notification.childrenAtRisk[${index}]` })), now);
  const recordIds = stored.map((record) => record.recordId);
  const prison = await dataSource.getRepository(PrisonRecord).findOneOrFail({ where: { recordId: recordIds[0] }, relations: { prisoner: true } });
  return { adultId: prison.prisoner.mergedIntoId ?? prison.prisoner.id, recordIds, childSuis: stored.map((record) => record.childSui) };
}

function prisonRecordOf(notification: PprcNotificationSubmission, child: NonNullable<PprcNotificationSubmission["childrenAtRisk"]>[number]): AgencyRecordSubmission {
  const { prisoner } = notification;
  return {
    agencyCode: notification.agencyCode,
    agencyReference: child.reference,
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
      pprcAssessedOn: notification.pprcAssessedOn ?? (notification.event === "STATUS_CHANGE" ? notification.eventDate : null),
      expectedReleaseDate: notification.release?.date ?? null,
      offenderManagementUnitContact: notification.offenderManagementUnitContact ?? null,
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
