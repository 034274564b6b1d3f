import { MASH_CALLER } from "../../benchToken";
import { type Query, type Workload } from "../workload";

/** `child(sui, access)` with every section: what a practitioner reads. */
export const CHILD_QUERY = `query ($sui: ID!, $access: AccessContext!) { child(sui: $sui, access: $access) {
  sui disclosureId relationships safeguardingStatuses
  demographics { givenNames familyName dateOfBirth sex localAuthority aliases addresses { kind line1 town postcode withheld } }
  socialCare { recordId agency { code name } status planCategory legalStatus allocatedWorkerName allocatedWorkerContact summary }
  police { recordId incidentType reportedOn summary intelligence officerContact activeInvestigation }
  health { recordId gpPracticeName conditions { description } unscheduledCareAttendances { attendedOn setting } }
  education { recordId rollStatus attendancePercent senStatus dslContact safeguardingConcerns { category } }
  probation { recordId offender { givenNames familyName } roshLevel mappaCategory mappaLevel }
  prison { recordId pprcStatus expectedReleaseDate }
  youthJustice { recordId disposal }
  restrictedInvolvement { agencyType contactEmail }
  redactions { path rule }
} }`;

const referenceFor = (index: number) => `MASH-BENCH-${index}`;

/** MASH triage of each child under its own open referral (opened for every child in set-up: a case reference is checked). */
export const accessFor = (index: number) => ({
  purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: `MASH triage of referral ${referenceFor(index)}: checking agency involvement`, caseReference: referenceFor(index), breakGlass: false,
});

/**
 * One open referral per child with an SUI at the bench caller's authority, as a MASH practitioner
 * would open it; returns the SUIs, the n-th under referral `MASH-BENCH-n`. Opens them once however
 * often it is called.
 */
export async function openBenchReferrals(query: Query): Promise<string[]> {
  const rows = (await query(`SELECT sui FROM child WHERE sui IS NOT NULL ORDER BY sui`)) as { sui: string }[];
  const suis = rows.map((row) => row.sui);
  await query(
    `INSERT INTO referral (sui, local_authority, reference, stage, referral_source, received_at, stage_started_at, opened_by_sub, opened_by_agency)
     SELECT sui, 'E06000060', 'MASH-BENCH-' || (ordinality - 1), 'REFERRAL', 'SCHOOL', now(), now(), $2, 'LA-E06000060' FROM unnest($1::text[]) WITH ORDINALITY AS s(sui)
     WHERE NOT EXISTS (SELECT 1 FROM referral WHERE reference = 'MASH-BENCH-0')`,
    [suis, MASH_CALLER.sub],
  );
  return suis;
}

/** Governed: the hub's `child` (policy, redaction, the audit entry before the answer). Ungoverned: `baselineChildResolver.ts`, the same reads with no policy and no audit. */
export const disclosureWorkload: Workload = {
  name: "disclosure",
  caller: MASH_CALLER,
  postgresOnly: null,
  async prepare(query) {
    const suis = await openBenchReferrals(query);
    if (suis.length === 0) throw new Error("disclosure workload: no child with an SUI (the demo data loads them)");
    const request = (index: number) => ({ query: CHILD_QUERY, variables: { sui: suis[index % suis.length], access: accessFor(index % suis.length) } });
    return { governed: request, ungoverned: { label: "baseline child (no policy, no audit)", request } };
  },
};
