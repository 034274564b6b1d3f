import { type Agency } from "./Agency";
import { type AgencyType } from "./AgencyType";
import { type UnscheduledCareSetting } from "./UnscheduledCareSetting";

/**
 * What the directory says about one agency: everything a maintainer sets, nothing the database adds.
 * A version stores it whole, and two entries are the same when their canonical JSON is.
 */
export interface DirectoryEntry {
  code: string;
  name: string;
  type: AgencyType;
  localAuthority: string | null;
  /** Sorted, without repeats, so the same areas in another order are no change. */
  servedLocalAuthorities: string[];
  policeForceArea: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  escalationEmail: string | null;
  escalationPhone: string | null;
  webhookUrl: string | null;
  active: boolean;
  /**
   * A health agency that is an unscheduled-care setting (CP-IS). Absent, never null, when it is not:
   * entries written before the field existed compare equal to the same entry now.
   */
  unscheduledCareSetting?: UnscheduledCareSetting;
}

export const DIRECTORY_ENTRY_FIELDS = [
  "code",
  "name",
  "type",
  "localAuthority",
  "servedLocalAuthorities",
  "policeForceArea",
  "contactEmail",
  "contactPhone",
  "escalationEmail",
  "escalationPhone",
  "webhookUrl",
  "active",
  "unscheduledCareSetting",
] as const satisfies readonly (keyof DirectoryEntry)[];

export function directoryEntryOf(agency: Agency): DirectoryEntry {
  return {
    code: agency.code,
    name: agency.name,
    type: agency.type,
    localAuthority: agency.localAuthority,
    servedLocalAuthorities: [...agency.servedLocalAuthorities].sort(),
    policeForceArea: agency.policeForceArea,
    contactEmail: agency.contactEmail,
    contactPhone: agency.contactPhone,
    escalationEmail: agency.escalationEmail,
    escalationPhone: agency.escalationPhone,
    webhookUrl: agency.webhookUrl,
    active: agency.active,
    ...(agency.unscheduledCareSetting === null ? {} : { unscheduledCareSetting: agency.unscheduledCareSetting }),
  };
}

/** Field by field: the fields a new entry changes from the current one, in the order above. */
export function changedFields(before: DirectoryEntry, after: DirectoryEntry): (keyof DirectoryEntry)[] {
  return DIRECTORY_ENTRY_FIELDS.filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]));
}
