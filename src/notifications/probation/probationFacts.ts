import { type Principal } from "../../auth/Principal";
import { Role } from "../../auth/Role";
import { ErrorCode, HubError } from "../../errors/HubError";
import { involvementCurrent } from "../../policy/involvementLapse";
import { NotificationRecordType } from "../../policy/notificationFields";
import { AgencyRecord } from "../../records/AgencyRecord";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { ProbationRecord } from "../../records/details/ProbationRecord";
import { RecordType } from "../../records/RecordType";
import { type ContentSection } from "../content/NotificationContent";
import { type NotificationServices } from "../NotificationServices";
import { heldAdult } from "../submission/heldAdult";
import { checkChildOnDay, checkOffenderBirthDate, checkReference, checkText, invalid, NotificationProblem } from "../submission/NotificationProblem";
import { assertChildrenHeld, storeNotifiedRecords } from "../submission/storeNotifiedRecords";
import { type ChildOfOffenderSubmission, type OffenderRiskSubmission, type OffenderSubmission } from "./OffenderSubmission";

/** What a probation notification's facts are, as the hub now holds them. */
export interface ProbationFacts {
  adultId: string | null;
  recordIds: string[];
  childSuis: (string | null)[];
}

/** The offender, the risk and each child, refused at their paths before the hub touches what it holds; each child a child on `on`. */
export function checkOffenderAndChildren(offender: OffenderSubmission, risk: OffenderRiskSubmission, children: readonly ChildOfOffenderSubmission[], on: string, now: Date, what: string): void {
  checkReference(offender.crn, "notification.offender.crn");
  checkText(offender.givenNames, "notification.offender.givenNames", "the offender's given names");
  checkText(offender.familyName, "notification.offender.familyName", "the offender's family name");
  checkOffenderBirthDate(offender.dateOfBirth, "notification.offender.dateOfBirth", now);
  if (risk.mappaCategory != null && !(Number.isInteger(risk.mappaCategory) && risk.mappaCategory >= 1 && risk.mappaCategory <= 4)) {
    throw invalid("notification.risk.mappaCategory", NotificationProblem.OUT_OF_RANGE, "A MAPPA category is 1 to 4.");
  }
  if (risk.mappaLevel != null && !(Number.isInteger(risk.mappaLevel) && risk.mappaLevel >= 1 && risk.mappaLevel <= 3)) {
    throw invalid("notification.risk.mappaLevel", NotificationProblem.OUT_OF_RANGE, "A MAPPA level is 1 to 3.");
  }
  if (children.length === 0) throw invalid("notification.children", NotificationProblem.CHILD_REQUIRED, `Name the child or children ${what} is about.`);
  children.forEach((child, index) => {
    checkReference(child.reference, `notification.children[${index}].reference`);
    checkChildOnDay(child, `notification.children[${index}]`, on, what, now);
  });
}

/**
 * Probation's record of the offender and each child, stored through the record path (the offender as
 * the record's subject, posing a risk to the child, matched to the adult the hub holds). A practitioner
 * names only children probation's records already hold (`assertChildrenHeld`); what the notification
 * does not speak to (MAPPA detail it does not give, the risk management summary, when supervision ends,
 * the record's labels) stays as probation last reported it.
 *
 * A practitioner names only children probation works with now: a held record whose involvement has
 * lapsed (policies/relationships.yaml, a month after supervision ends) is CHILD_INVOLVEMENT_LAPSED, for
 * the answer to an enquiry would tell the practitioner what `child` no longer does. A new sentencing is
 * new involvement the hub cannot see from a person's word: probation's system, which speaks for the
 * agency, reports it, and may ask (notifications/README.md).
 */
export async function recordProbationFacts({ dataSource, policy }: NotificationServices, principal: Principal, agencyCode: string, offender: OffenderSubmission, risk: OffenderRiskSubmission, children: readonly ChildOfOffenderSubmission[], offenderHome: { localAuthority: string | null; postcode: string | null }, now: Date): Promise<ProbationFacts> {
  await assertChildrenHeld(dataSource, principal, agencyCode, children.map((child, index) => ({ reference: child.reference, sui: child.sui, path: `notification.children[${index}]` })),
    NotificationProblem.CHILD_NOT_HELD_BY_AGENCY, "A practitioner may name only a child probation's records already hold, by that record's reference and the child's SUI; probation's system reports any other.");
  const involvementRule = policy.involvement.get(RecordType.PROBATION);
  if (involvementRule === undefined) throw new Error("no involvement rule for PROBATION; loadPolicies guarantees one");
  const submissions: AgencyRecordSubmission[] = [];
  for (const [index, child] of children.entries()) {
    const held = await dataSource.getRepository(AgencyRecord).findOneBy({ agency: { code: agencyCode }, agencyReference: child.reference });
    const details = held === null ? null : await dataSource.getRepository(ProbationRecord).findOneBy({ recordId: held.id });
    if (!principal.roles.includes(Role.AGENCY_SYSTEM) && held !== null && details !== null && !involvementCurrent(involvementRule, { ...details }, held.updatedAt, now)) {
      throw new HubError(ErrorCode.FORBIDDEN, "Probation's involvement with this child has lapsed (its supervision ended): a practitioner may name only a child probation works with now. A new sentencing is new involvement, which probation's system reports; it may make the enquiry.",
        { path: `notification.children[${index}]`, problem: NotificationProblem.CHILD_INVOLVEMENT_LAPSED });
    }
    submissions.push({
      agencyCode, agencyReference: child.reference, recordedAt: held?.recordedAt ?? null, labels: held?.labels ?? [],
      fieldLabels: Object.entries(held?.fieldLabels ?? {}).flatMap(([field, labels]) => (labels === undefined ? [] : [{ field, labels }])),
      child: { sui: child.sui ?? null, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null, sex: child.sex, address: child.address ?? null },
      relatedAdults: [{
        reference: offender.crn, givenNames: offender.givenNames, familyName: offender.familyName, dateOfBirth: offender.dateOfBirth, sex: offender.sex,
        relationship: child.relationshipToOffender, posesRiskToChild: true, subjectOfRecord: true, homeLocalAuthority: offenderHome.localAuthority,
        postcode: offenderHome.postcode, pncId: offender.pncId ?? null, probationCrn: offender.crn,
      }],
      probation: {
        offenderManagerName: risk.offenderManagerName ?? details?.offenderManagerName ?? null, offenderManagerContact: risk.offenderManagerContact ?? details?.offenderManagerContact ?? null,
        roshLevel: risk.roshLevel, roshTo: risk.roshTo ?? details?.roshTo ?? [], mappaCategory: risk.mappaCategory ?? details?.mappaCategory ?? null,
        mappaLevel: risk.mappaLevel ?? details?.mappaLevel ?? null,
        riskManagementSummary: details?.riskManagementSummary ?? null, supervisionEndDate: details?.supervisionEndDate ?? null,
      },
    });
  }
  const stored = await storeNotifiedRecords(dataSource, principal, submissions.map((submission, index) => ({ submission, path: `notification.children[${index}]` })), now);
  return { adultId: await heldAdult(dataSource, agencyCode, offender.crn), recordIds: stored.map((record) => record.recordId), childSuis: stored.map((record) => record.childSui) };
}

/** The children a probation notification names (`OFFENDER_CHILD_AT_RISK`), each home authority carrying its address's labels. */
export function childrenOfOffenderSection(children: readonly ChildOfOffenderSubmission[], suis: readonly (string | null)[]): ContentSection {
  return {
    key: "children", recordType: NotificationRecordType.OFFENDER_CHILD_AT_RISK, many: true,
    entries: children.map((child, index) => ({
      values: {
        sui: suis[index] ?? null, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth ?? null,
        homeLocalAuthority: child.address?.localAuthority ?? null, relationshipToOffender: child.relationshipToOffender,
      },
      valueLabels: { homeLocalAuthority: [...(child.address?.labels ?? [])] },
    })),
  };
}
