import { type AddressSubmission, type ChildIdentitySubmission } from "../../records/AgencyRecordSubmission";

/**
 * Why a pupil's name was removed from the admission register at a non-standard point (the grounds of
 * the Education (Pupil Registration) (England) Regulations 2024, as the local authority's children
 * missing education enquiries need them).
 */
export const RemovalGround = {
  /** The family moved away, beyond reasonable distance of the school. */
  MOVED_AWAY: "MOVED_AWAY",
  /** Registered at another school. */
  ATTENDING_ANOTHER_SCHOOL: "ATTENDING_ANOTHER_SCHOOL",
  /** The parent chose to educate the child at home. */
  ELECTIVE_HOME_EDUCATION: "ELECTIVE_HOME_EDUCATION",
  /** Absent continuously for 20 school days or more, and the school and the local authority's enquiries failed to find the child. */
  CONTINUOUS_ABSENCE: "CONTINUOUS_ABSENCE",
  /** Certified medically unfit to attend before leaving compulsory school age. */
  MEDICALLY_UNFIT: "MEDICALLY_UNFIT",
  PERMANENTLY_EXCLUDED: "PERMANENTLY_EXCLUDED",
  /** Detained under a sentence of four months or more. */
  CUSTODIAL_SENTENCE: "CUSTODIAL_SENTENCE",
  OTHER: "OTHER",
} as const;
export type RemovalGround = (typeof RemovalGround)[keyof typeof RemovalGround];
export const REMOVAL_GROUNDS = Object.values(RemovalGround);

/**
 * What a school tells the local authority when it removes a pupil from its roll at a non-standard
 * point (DOMAIN.md "Who must tell whom", schools; Education Act 1996 s.436A; Children missing education,
 * 2024). The GraphQL input implements this shape.
 */
export interface PupilRemovedFromRollSubmission {
  agencyCode: string;
  /** The school's own reference for this notification: resubmitting it is the same notification. */
  reference: string;
  /** The school's own reference for its record of the pupil (the record the removal updates). */
  pupilReference: string;
  /** YYYY-MM-DD: the day the pupil's name was removed. */
  removedOn: string;
  removalGround: RemovalGround;
  /** What the ground needs said (a medical certificate's gist: health data). Free text. */
  groundDetail?: string | null;
  /** The school the pupil moved to, where known. */
  destinationSchool?: string | null;
  /** The address the family moved to, where known. */
  destinationAddress?: AddressSubmission | null;
  dslName?: string | null;
  /** Organisational: the DSL's school mailbox or phone. */
  dslContact?: string | null;
  /** The pupil, with the home address the school holds (its local authority is told). */
  child: ChildIdentitySubmission;
}
