import { AgencyType } from "../directory/AgencyType";
import { type DirectoryEntry } from "../directory/DirectoryEntry";
import { UnscheduledCareSetting } from "../directory/UnscheduledCareSetting";

/** A directory entry as the demo data set holds it: loaded through the directory import, as a maintainer's file is. */
export type DemoAgency = DirectoryEntry;

/**
 * The agencies serving one local authority's children. Which school a child attends, which GP they
 * are registered with and which youth justice service supervises them all follow from where they live.
 */
export interface DemoLocalAuthority {
  /** ONS code. */
  code: string;
  name: string;
  childrensSocialCare: string;
  police: string;
  youthJustice: string;
  probation: string;
  hospital: string;
  gpPractices: readonly string[];
  primarySchools: readonly string[];
  secondarySchools: readonly string[];
}

export const BUCKINGHAMSHIRE = "E06000060";
export const MILTON_KEYNES = "E06000042";
export const LINCOLNSHIRE = "E10000019";

export const DEMO_LOCAL_AUTHORITIES: readonly DemoLocalAuthority[] = [
  {
    code: BUCKINGHAMSHIRE,
    name: "Buckinghamshire",
    childrensSocialCare: "LA-E06000060",
    police: "POLICE-43",
    youthJustice: "YOT-E06000060",
    probation: "PDU-E06000060",
    hospital: "NHS-R9A",
    gpPractices: ["GP-K99001", "GP-K99002"],
    primarySchools: ["SCH-199001", "SCH-199002"],
    secondarySchools: ["SCH-199003", "SCH-199004"],
  },
  {
    code: MILTON_KEYNES,
    name: "Milton Keynes",
    childrensSocialCare: "LA-E06000042",
    police: "POLICE-43",
    youthJustice: "YOT-E06000042",
    probation: "PDU-E06000042",
    hospital: "NHS-R9B",
    gpPractices: ["GP-K99003", "GP-K99004"],
    primarySchools: ["SCH-199005"],
    secondarySchools: ["SCH-199006"],
  },
  {
    code: LINCOLNSHIRE,
    name: "Lincolnshire",
    childrensSocialCare: "LA-E10000019",
    police: "POLICE-32",
    youthJustice: "YOT-E10000019",
    probation: "PDU-E10000019",
    hospital: "NHS-R9C",
    gpPractices: ["GP-C99001", "GP-C99002", "GP-C99003"],
    primarySchools: ["SCH-199007", "SCH-199008"],
    secondarySchools: ["SCH-199009", "SCH-199010"],
  },
];

export function demoLocalAuthority(code: string): DemoLocalAuthority {
  const found = DEMO_LOCAL_AUTHORITIES.find((localAuthority) => localAuthority.code === code);
  if (found === undefined) throw new RangeError(`The demo data set has no local authority ${code}`);
  return found;
}

export const HMP_EXAMPLETON = "HMP-EXA";
export const HMP_SAMPLEFORD_GRANGE = "HMP-SFG";
/** Westmock's emergency department: the demo's one CP-IS unscheduled-care setting (scenario 9). */
export const WESTMOCK_EMERGENCY_DEPARTMENT = "NHS-R9B-ED";

/** The directory's unscheduled-care settings: where an attendance by a child on a plan tells the authority holding it. */
const UNSCHEDULED_CARE_SETTING_OF: Readonly<Record<string, UnscheduledCareSetting>> = {
  [WESTMOCK_EMERGENCY_DEPARTMENT]: UnscheduledCareSetting.EMERGENCY_DEPARTMENT,
};

type Entry = [code: string, name: string, type: AgencyType, localAuthority: string | null, contactEmail: string, phoneSuffix: string, policeForceArea?: string];

/**
 * The areas served by agencies that serve more than the authority they sit in: Thames Valley Police
 * both of its demo authorities, and each prison the authorities it resettles prisoners to.
 */
const SERVED_BEYOND_THEIR_OWN: Readonly<Record<string, readonly string[]>> = {
  "POLICE-43": [BUCKINGHAMSHIRE, MILTON_KEYNES],
  [HMP_SAMPLEFORD_GRANGE]: [BUCKINGHAMSHIRE, MILTON_KEYNES],
};

/** The agencies notifications reach, and so the ones with an escalation contact: a duty desk's mailbox and line. */
const ESCALATING_TYPES: ReadonlySet<AgencyType> = new Set([AgencyType.CHILDRENS_SOCIAL_CARE, AgencyType.POLICE, AgencyType.PROBATION, AgencyType.PRISON, AgencyType.YOUTH_JUSTICE]);

const { CHILDRENS_SOCIAL_CARE, POLICE, HEALTH, EDUCATION, PROBATION, PRISON, YOUTH_JUSTICE } = AgencyType;

// Organisational mailboxes only, on example domains; telephone numbers from Ofcom's range reserved for
// drama (01632 960xxx), so nothing here can reach a real service.
const ENTRIES: readonly Entry[] = [
  ["LA-E06000060", "Buckinghamshire Council Children's Services", CHILDRENS_SOCIAL_CARE, BUCKINGHAMSHIRE, "mash@buckinghamshire.example", "001"],
  ["LA-E06000042", "Milton Keynes City Council Children's Services", CHILDRENS_SOCIAL_CARE, MILTON_KEYNES, "mash@milton-keynes.example", "002"],
  ["LA-E10000019", "Lincolnshire County Council Children's Services", CHILDRENS_SOCIAL_CARE, LINCOLNSHIRE, "mash@lincolnshire.example", "003"],
  ["POLICE-43", "Thames Valley Police", POLICE, null, "public-protection@thamesvalley.example", "011", "Thames Valley"],
  ["POLICE-32", "Lincolnshire Police", POLICE, LINCOLNSHIRE, "public-protection@lincolnshire.example", "012", "Lincolnshire"],
  ["GP-K99001", "Example Vale Surgery", HEALTH, BUCKINGHAMSHIRE, "safeguarding.k99001@nhs-practices.example", "021"],
  ["GP-K99002", "Sample Hill Medical Centre", HEALTH, BUCKINGHAMSHIRE, "safeguarding.k99002@nhs-practices.example", "022"],
  ["GP-K99003", "Westmock Health Centre", HEALTH, MILTON_KEYNES, "safeguarding.k99003@nhs-practices.example", "023"],
  ["GP-K99004", "Newexample Medical Practice", HEALTH, MILTON_KEYNES, "safeguarding.k99004@nhs-practices.example", "024"],
  ["GP-C99001", "Exampleby Surgery", HEALTH, LINCOLNSHIRE, "safeguarding.c99001@nhs-practices.example", "025"],
  ["GP-C99002", "Fenexample Medical Practice", HEALTH, LINCOLNSHIRE, "safeguarding.c99002@nhs-practices.example", "026"],
  ["GP-C99003", "Sampleholme Health Centre", HEALTH, LINCOLNSHIRE, "safeguarding.c99003@nhs-practices.example", "027"],
  ["NHS-R9A", "Example Vale Hospitals NHS Trust", HEALTH, BUCKINGHAMSHIRE, "safeguarding@examplevale.example", "031"],
  ["NHS-R9B", "Westmock University Hospital NHS Foundation Trust", HEALTH, MILTON_KEYNES, "safeguarding@westmock.example", "032"],
  ["NHS-R9C", "Example Fens Hospitals NHS Trust", HEALTH, LINCOLNSHIRE, "safeguarding@examplefens.example", "033"],
  [WESTMOCK_EMERGENCY_DEPARTMENT, "Westmock Hospital Emergency Department", HEALTH, MILTON_KEYNES, "ed.safeguarding@westmock.example", "034"],
  ["SCH-199001", "Exampleton Church of England Primary School", EDUCATION, BUCKINGHAMSHIRE, "dsl@exampleton-primary.example", "041"],
  ["SCH-199002", "Sampleford Primary Academy", EDUCATION, BUCKINGHAMSHIRE, "dsl@sampleford-primary.example", "042"],
  ["SCH-199003", "Sampleford Community School", EDUCATION, BUCKINGHAMSHIRE, "dsl@sampleford-community.example", "043"],
  ["SCH-199004", "Mockhampton Upper School", EDUCATION, BUCKINGHAMSHIRE, "dsl@mockhampton-upper.example", "044"],
  ["SCH-199005", "Westmock Primary School", EDUCATION, MILTON_KEYNES, "dsl@westmock-primary.example", "045"],
  ["SCH-199006", "Newexample Academy", EDUCATION, MILTON_KEYNES, "dsl@newexample-academy.example", "046"],
  ["SCH-199007", "Exampleby Primary School", EDUCATION, LINCOLNSHIRE, "dsl@exampleby-primary.example", "047"],
  ["SCH-199008", "Mockingham Primary School", EDUCATION, LINCOLNSHIRE, "dsl@mockingham-primary.example", "048"],
  ["SCH-199009", "Exampleby Academy", EDUCATION, LINCOLNSHIRE, "dsl@exampleby-academy.example", "049"],
  ["SCH-199010", "Fenexample High School", EDUCATION, LINCOLNSHIRE, "dsl@fenexample-high.example", "050"],
  ["PDU-E06000060", "Buckinghamshire Probation Delivery Unit", PROBATION, BUCKINGHAMSHIRE, "buckinghamshire.pdu@probation.example", "061"],
  ["PDU-E06000042", "Milton Keynes Probation Delivery Unit", PROBATION, MILTON_KEYNES, "milton-keynes.pdu@probation.example", "062"],
  ["PDU-E10000019", "Lincolnshire Probation Delivery Unit", PROBATION, LINCOLNSHIRE, "lincolnshire.pdu@probation.example", "063"],
  [HMP_EXAMPLETON, "HMP Exampleton", PRISON, LINCOLNSHIRE, "omu.exampleton@prisons.example", "071"],
  [HMP_SAMPLEFORD_GRANGE, "HMP Sampleford Grange", PRISON, BUCKINGHAMSHIRE, "omu.sampleford-grange@prisons.example", "072"],
  ["YOT-E06000060", "Buckinghamshire Youth Justice Service", YOUTH_JUSTICE, BUCKINGHAMSHIRE, "yjs@buckinghamshire.example", "081"],
  ["YOT-E06000042", "Milton Keynes Youth Justice Service", YOUTH_JUSTICE, MILTON_KEYNES, "yjs@milton-keynes.example", "082"],
  ["YOT-E10000019", "Lincolnshire Youth Justice Service", YOUTH_JUSTICE, LINCOLNSHIRE, "yjs@lincolnshire.example", "083"],
];

/** The demo directory: every agency type, in three local authorities and two police force areas. */
export const DEMO_AGENCIES: readonly DemoAgency[] = ENTRIES.map(([code, name, type, localAuthority, contactEmail, phoneSuffix, policeForceArea]) => {
  const escalates = ESCALATING_TYPES.has(type);
  const domain = contactEmail.slice(contactEmail.indexOf("@") + 1);
  return {
    code,
    name,
    type,
    localAuthority,
    servedLocalAuthorities: [...(SERVED_BEYOND_THEIR_OWN[code] ?? (localAuthority === null ? [] : [localAuthority]))],
    policeForceArea: policeForceArea ?? null,
    contactEmail,
    contactPhone: `01632 960${phoneSuffix}`,
    escalationEmail: escalates ? `duty-escalations@${domain}` : null,
    // The escalation lines sit 500 above the switchboards, still in the drama range.
    escalationPhone: escalates ? `01632 960${String(Number(phoneSuffix) + 500)}` : null,
    webhookUrl: null,
    active: true,
    ...(UNSCHEDULED_CARE_SETTING_OF[code] === undefined ? {} : { unscheduledCareSetting: UNSCHEDULED_CARE_SETTING_OF[code] }),
  };
});

export function demoAgency(code: string): DemoAgency {
  const found = DEMO_AGENCIES.find((agency) => agency.code === code);
  if (found === undefined) throw new RangeError(`The demo directory has no agency ${code}`);
  return found;
}

/** The local authorities an agency serves, as its directory entry says, the first being the one its demo staff work for. */
export function localAuthoritiesServedBy(agencyCode: string): string[] {
  return [...demoAgency(agencyCode).servedLocalAuthorities];
}

/** The domain of an agency's mailbox, for the work addresses of its (fictional) staff. */
export function mailDomainOf(agencyCode: string): string {
  const email = demoAgency(agencyCode).contactEmail ?? "";
  return email.slice(email.indexOf("@") + 1);
}
