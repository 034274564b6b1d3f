/** The roles a caller's token may carry (design §4). */
export const Role = {
  MASH_PRACTITIONER: "MASH_PRACTITIONER",
  SOCIAL_WORKER: "SOCIAL_WORKER",
  CSC_MANAGER: "CSC_MANAGER",
  POLICE_OFFICER: "POLICE_OFFICER",
  HEALTH_PRACTITIONER: "HEALTH_PRACTITIONER",
  SCHOOL_DSL: "SCHOOL_DSL",
  PROBATION_PRACTITIONER: "PROBATION_PRACTITIONER",
  PRISON_OMU: "PRISON_OMU",
  YOT_WORKER: "YOT_WORKER",
  IG_LEAD: "IG_LEAD",
  DATA_STEWARD: "DATA_STEWARD",
  AGENCY_SYSTEM: "AGENCY_SYSTEM",
  /** Maintains the agency directory (`upsertAgency`): where notifications about children are sent. */
  DIRECTORY_ADMIN: "DIRECTORY_ADMIN",
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as string[]).includes(value);
}
