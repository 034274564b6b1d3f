import { AgencyType } from "../directory/AgencyType";
import { type PprcNotificationSubmission } from "../notifications/PprcNotificationSubmission";
import { type UnscheduledCareAttendanceSubmission } from "../notifications/unscheduledCare/UnscheduledCareAttendanceSubmission";
import {
  type AddressSubmission, type AgencyRecordSubmission, type ChildIdentitySubmission, type DetailKey, type FieldLabelSubmission, type RelatedAdultSubmission,
} from "../records/AgencyRecordSubmission";
import { type SensitivityLabel } from "../records/SensitivityLabel";
import { demoAgency } from "./demoDirectory";
import { type DemoChild } from "./demoPeople";

/** Exactly one agency type's details block, as the agency's system would send it. */
export type DetailsBlock = Partial<Pick<AgencyRecordSubmission, DetailKey>>;

export interface RecordOptions {
  /** The child's address as this agency reports it: the family home unless given; null sends none. */
  address?: AddressSubmission | null;
  labels?: SensitivityLabel[];
  fieldLabels?: FieldLabelSubmission[];
  relatedAdults?: RelatedAdultSubmission[];
  /** Reusing a reference resubmits (updates) that record, as an agency's system does when its record changes. */
  agencyReference?: string;
  /** The date the agency's own record carries. */
  recordedOn?: string;
  /**
   * The child as this agency holds them, when it differs from the hub's (a misspelling, no NHS
   * number yet): the record is then linked probabilistically, or goes to a data steward.
   */
  identity?: Partial<ChildIdentitySubmission>;
}

/** Each agency's own numbering, so a reference reads like the system it came from. */
const REFERENCE_PREFIX: Record<AgencyType, string> = {
  [AgencyType.CHILDRENS_SOCIAL_CARE]: "CSC",
  [AgencyType.POLICE]: "OCC",
  [AgencyType.HEALTH]: "PAT",
  [AgencyType.EDUCATION]: "PUP",
  [AgencyType.PROBATION]: "ENQ",
  [AgencyType.PRISON]: "PPRC",
  [AgencyType.YOUTH_JUSTICE]: "YJ",
};

/** The submissions of the demo data set, in the order they are loaded, and the notifications that follow them. */
export class DemoRecordBook {
  readonly submissions: AgencyRecordSubmission[] = [];
  /** Sent by each prison's system once every record is in, so a new user finds the agencies' inboxes filled (scenarios 1 and 2). */
  readonly notifications: PprcNotificationSubmission[] = [];
  /** Told by an unscheduled-care setting's system after the PPRC notifications (CP-IS, scenario 9). */
  readonly attendances: UnscheduledCareAttendanceSubmission[] = [];
  private readonly issued = new Map<string, number>();

  add(agencyCode: string, child: DemoChild, details: DetailsBlock, options: RecordOptions = {}): AgencyRecordSubmission {
    const address = options.address === undefined ? child.family.home : options.address;
    const submission: AgencyRecordSubmission = {
      agencyCode,
      agencyReference: options.agencyReference ?? this.nextReference(agencyCode),
      recordedAt: options.recordedOn === undefined ? null : new Date(`${options.recordedOn}T09:00:00Z`),
      child: { sui: child.sui, givenNames: child.givenNames, familyName: child.familyName, dateOfBirth: child.dateOfBirth, sex: child.sex, address, ...options.identity },
      labels: options.labels ?? [],
      fieldLabels: options.fieldLabels ?? [],
      relatedAdults: options.relatedAdults ?? [],
      ...details,
    };
    this.submissions.push(submission);
    return submission;
  }

  notifyPprc(notification: PprcNotificationSubmission): void {
    this.notifications.push(notification);
  }

  notifyAttendance(attendance: UnscheduledCareAttendanceSubmission): void {
    this.attendances.push(attendance);
  }

  private nextReference(agencyCode: string): string {
    const next = (this.issued.get(agencyCode) ?? 0) + 1;
    this.issued.set(agencyCode, next);
    return `${REFERENCE_PREFIX[demoAgency(agencyCode).type]}-${String(next).padStart(6, "0")}`;
  }
}
