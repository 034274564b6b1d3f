import { AgencyType } from "../directory/AgencyType";
import { Role } from "./Role";

/** What a role is for, and a demo agency it works at, so a newcomer can mint a token that does something. */
export interface RoleGuide {
  role: Role;
  /** Who holds it and what it lets them do, in a line. */
  summary: string;
  /** A demo directory agency where the role works (`src/demo/demoDirectory.ts`). */
  agency: string;
  agencyType: AgencyType;
  /** ONS code of the local authority the user works for. */
  localAuthority: string;
}

/**
 * Every role, in the order a newcomer meets them: `npm run token -- --help` prints these, and the
 * README's table of token commands is checked against them (`__tests__/roleGuide.test.ts`).
 */
export const ROLE_GUIDE: readonly RoleGuide[] = [
  { role: Role.MASH_PRACTITIONER, summary: "triages referrals in a MASH; reads a child's file against an open referral", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
  { role: Role.SOCIAL_WORKER, summary: "children's social care; reads children the authority works with, records consent", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
  { role: Role.CSC_MANAGER, summary: "children's social care manager; records a safeguarding override of a consent refusal", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
  { role: Role.POLICE_OFFICER, summary: "a police force's safeguarding or public protection officer", agency: "POLICE-43", agencyType: AgencyType.POLICE, localAuthority: "E06000060" },
  { role: Role.HEALTH_PRACTITIONER, summary: "GP, health visitor, midwife, hospital or school nurse", agency: "GP-K99001", agencyType: AgencyType.HEALTH, localAuthority: "E06000060" },
  { role: Role.SCHOOL_DSL, summary: "a school's designated safeguarding lead, for pupils on its roll", agency: "SCH-199002", agencyType: AgencyType.EDUCATION, localAuthority: "E06000060" },
  { role: Role.PROBATION_PRACTITIONER, summary: "a probation delivery unit's practitioner (MAPPA, child safeguarding enquiries)", agency: "PDU-E06000060", agencyType: AgencyType.PROBATION, localAuthority: "E06000060" },
  { role: Role.PRISON_OMU, summary: "a prison's offender management unit: PPRC notifications", agency: "HMP-EXA", agencyType: AgencyType.PRISON, localAuthority: "E10000019" },
  { role: Role.YOT_WORKER, summary: "a youth justice service worker", agency: "YOT-E06000060", agencyType: AgencyType.YOUTH_JUSTICE, localAuthority: "E06000060" },
  { role: Role.IG_LEAD, summary: "information governance: the disclosure trail, subject access, alerts", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
  { role: Role.DATA_STEWARD, summary: "resolves link reviews, merges and splits children", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
  { role: Role.AGENCY_SYSTEM, summary: "an agency's own case system: submits its records and notifications", agency: "POLICE-43", agencyType: AgencyType.POLICE, localAuthority: "E06000060" },
  { role: Role.DIRECTORY_ADMIN, summary: "maintains the agency directory (upsertAgency; a second one approves routing changes)", agency: "LA-E06000060", agencyType: AgencyType.CHILDRENS_SOCIAL_CARE, localAuthority: "E06000060" },
];

/** The command that mints a development token for one role, as the README shows it. */
export function tokenCommand(guide: RoleGuide): string {
  return `npm run --silent token -- --role ${guide.role} --agency ${guide.agency} --agency-type ${guide.agencyType} --la ${guide.localAuthority}`;
}
