import { join } from "node:path";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { createLogger } from "../../src/logging/logger";
import { metricsRegistry } from "../../src/metrics/hubMetrics";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { type PolicySet } from "../../src/policy/PolicySet";
import { removeExpiredFacts, type RetentionRun } from "../../src/retention/removeExpiredFacts";
import { RetentionQueue } from "../../src/retention/retentionQueue";
import { type RetentionHold } from "../../src/retention/RetentionPolicy";
import winston from "winston";
import { CALLERS, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

const KEPT_SUI = "9990000034";
const GONE_SUI = "9990000042";
const policy = loadPolicies(join(__dirname, "..", "..", "policies"));
const LATER = new Date("2030-06-01T12:00:00Z");

const hold = (id: string, recordTypes: RetentionHold["recordTypes"]): RetentionHold => ({
  id, description: "A test hold.", source: { file: "test", line: 0 }, kind: "LITIGATION", from: "2030-01-01", until: null, recordTypes,
});
const withHolds = (...holds: RetentionHold[]): PolicySet => ({ ...policy, retention: { ...policy.retention, holds } });

const child = (sui: string, givenNames: string, line1: string) => ({
  sui, givenNames, familyName: "Keepwell", dateOfBirth: "2009-04-09", sex: "FEMALE",
  address: { kind: "HOME", line1, town: "Sampleton", postcode: "HP20 1UA", localAuthority: "E06000060" },
});

/** Records of children of this file's own: which of them have passed their retention by 1 June 2030 (policies/retention.yaml). */
const RECORDS: [agency: string, type: string, record: Record<string, unknown>][] = [
  // Closed March 2012: kept fifteen years, to 31 March 2027. The only record that reports "Adeline".
  ["LA-E06000060", "CHILDRENS_SOCIAL_CARE", {
    agencyCode: "LA-E06000060", agencyReference: "RET-CSC-1", child: child(KEPT_SUI, "Adeline", "2 Old Road"),
    socialCare: { status: "CLOSED", startDate: "2010-01-04", endDate: "2012-03-31", responsibleLocalAuthority: "E06000060" },
  }],
  // Reported June 2018, no investigation: kept six years, to June 2024.
  ["POLICE-43", "POLICE", {
    agencyCode: "POLICE-43", agencyReference: "RET-POL-1", child: child(KEPT_SUI, "Ada", "2 Old Road"),
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2018-06-10", reportedOn: "2018-06-10", activeInvestigation: false },
  }],
  // On the roll: goes on, never expires. Also reports "Ada".
  ["SCH-199001", "EDUCATION", {
    agencyCode: "SCH-199001", agencyReference: "RET-SCH-1", child: child(KEPT_SUI, "Ada", "3 New Road"),
    education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", senStatus: "NONE" },
  }],
  // The other child's only record: a disposal that ended in 2013, kept six years.
  ["YOT-E06000060", "YOUTH_JUSTICE", {
    agencyCode: "YOT-E06000060", agencyReference: "RET-YOT-1", child: child(GONE_SUI, "Bea", "9 Far Lane"),
    youthJustice: { disposal: "REFERRAL_ORDER", startDate: "2012-05-01", endDate: "2013-05-01", riskOfSeriousHarm: "LOW", safetyAndWellbeing: "LOW" },
  }],
];

interface Held {
  children: string[];
  names: string[];
  records: string[];
  addresses: number;
}

describe("retention: expired facts leave the hub on the job queue, holds stop it", () => {
  let hub: TestHub;
  let heldAll: RetentionRun;
  let scheduled: RetentionRun | null;
  let schedules: { cron: string; timezone: string | null }[];
  let afterScheduled: Held;
  let final: RetentionRun;
  let afterFinal: Held;

  const state = async (): Promise<Held> => {
    const db = hub.hub.database.dataSource;
    const children = await db.query<{ sui: string }[]>(`SELECT sui FROM child ORDER BY sui`);
    const names = await db.query<{ given_names: string }[]>(`SELECT n.given_names FROM child_name n JOIN child c ON c.id = n.child_id WHERE c.sui = $1 ORDER BY n.given_names`, [KEPT_SUI]);
    const records = await db.query<{ agency_reference: string }[]>(`SELECT agency_reference FROM agency_record ORDER BY agency_reference`);
    const [{ count }] = await db.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM child_address`);
    return { children: children.map((row) => row.sui), names: names.map((row) => row.given_names), records: records.map((row) => row.agency_reference), addresses: count };
  };

  beforeAll(async () => {
    // The hub's own retention worker looks once an hour: the job this file sends is taken by the queue it starts.
    hub = await startTestHub({ env: { RETENTION_POLL_SECONDS: "3600" } });
    for (const [agency, type, record] of RECORDS) {
      const response = await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(agency, type)));
      expect(response.body.errors).toBeUndefined();
    }
    const dataSource = hub.hub.database.dataSource;
    heldAll = await removeExpiredFacts({ dataSource, policy: withHolds(hold("hold-everything", null)) }, LATER);

    // The scheduled job, under a litigation hold on children's social care records.
    const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
    const queue = await RetentionQueue.start(dataSource, withHolds(hold("hold-social-care", ["SOCIAL_CARE"])), { cron: "0 3 * * *", pollSeconds: 1 }, logger, () => LATER);
    try {
      schedules = await queue.schedules();
      const next = queue.nextRun();
      await queue.runNow();
      scheduled = await next;
    } finally {
      await queue.stop(5000);
    }
    afterScheduled = await state();
    final = await removeExpiredFacts({ dataSource, policy }, LATER);
    afterFinal = await state();
  });

  afterAll(async () => {
    await hub.stop();
  });

  it("the records as submitted are all there, and a hold on every record stops the run before it removes anything", () => {
    expect(heldAll).toMatchObject({ status: "HELD", holds: ["hold-everything"], recordsExamined: 0, recordsRemoved: {} });
  });

  it("schedules the job daily on the queue, in London time", () => {
    expect(schedules).toEqual([{ cron: "0 3 * * *", timezone: "Europe/London" }]);
  });

  it("the job removes expired records, keeps those a hold covers, and reports the counts", () => {
    expect(scheduled).toMatchObject({
      status: "APPLIED", holds: ["hold-social-care"], recordsExamined: 4, recordsRemoved: { POLICE: 1, YOUTH_JUSTICE: 1 }, recordsHeld: 1,
      addressesRemoved: 2, childrenRemoved: 1, childrenKept: 0,
    });
    expect(afterScheduled.records).toEqual(["RET-CSC-1", "RET-SCH-1"]);
    expect(afterScheduled.children).toEqual([KEPT_SUI]);
  });

  it("a name stays while any record still reports it, and leaves with the last one", () => {
    // After the police record went, "Ada" was still reported by the school, "Adeline" by the held case;
    // the one name removed was the other child's, whose only record went.
    expect(scheduled?.namesRemoved).toBe(1);
    expect(afterScheduled.names).toEqual(["Ada", "Adeline"]);
    expect(final).toMatchObject({ status: "APPLIED", recordsRemoved: { SOCIAL_CARE: 1 }, recordsHeld: 0, namesRemoved: 1, addressesRemoved: 1, childrenRemoved: 0 });
    expect(afterFinal.names).toEqual(["Ada"]);
    expect(afterFinal.records).toEqual(["RET-SCH-1"]);
    expect(afterFinal.addresses).toBe(1);
  });

  it("matches the child no more by a name whose last record went, and keeps no profile of a child removed", async () => {
    const db = hub.hub.database.dataSource;
    const profiles = await db.query<{ sui: string | null; given_names: string[] }[]>(
      `SELECT c.sui, p.given_names FROM child_match_profile p LEFT JOIN child c ON c.id = p.child_id ORDER BY c.sui`,
    );
    expect(profiles).toEqual([{ sui: KEPT_SUI, given_names: ["Ada"] }]);
    const [{ keys }] = await db.query<{ keys: number }[]>(`SELECT count(*)::int AS keys FROM child_match_key k WHERE NOT EXISTS (SELECT 1 FROM child c WHERE c.id = k.child_id)`);
    expect(keys).toBe(0);
    // A MASH search for the removed name finds the child by what the school still reports, and shows that name only.
    const token = await hub.token(CALLERS.mash);
    const reason = "Referral from the school about the child's attendance and bruising.";
    const opened = await hub.graphql(`mutation ($r: ReferralInput!) { openReferral(referral: $r) { reference } }`, { r: { sui: KEPT_SUI, reference: "RET-MASH-1", referralSource: "SCHOOL", reason } }, token);
    expect(opened.body.errors).toBeUndefined();
    const found = await hub.graphql(
      `query ($c: SearchCriteriaInput!, $a: AccessContext!) { searchChildren(criteria: $c, access: $a) { candidates { sui demographics { givenNames } } } }`,
      { c: { givenNames: "Adeline", familyName: "Keepwell", dateOfBirth: { exact: "2009-04-09" } }, a: access("REFERRAL_TRIAGE", "PUBLIC_TASK", { caseReference: "RET-MASH-1" }) }, token,
    );
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data.searchChildren.candidates).toEqual([{ sui: KEPT_SUI, demographics: { givenNames: "Ada" } }]);
  });

  it("audits each agency's removals as a summary of counts, and the trail still verifies", async () => {
    const rows = await hub.hub.database.dataSource.query<{ principal_agency: string; child_suis: string[]; details: { recordsRemoved: Record<string, number> } }[]>(
      `SELECT principal_agency, child_suis, details FROM disclosure_audit WHERE operation = 'RETENTION_APPLIED' ORDER BY principal_agency`,
    );
    expect(rows.map((row) => [row.principal_agency, row.details.recordsRemoved, row.child_suis])).toEqual([
      ["LA-E06000060", { SOCIAL_CARE: 1 }, []],
      ["POLICE-43", { POLICE: 1 }, []],
      ["YOT-E06000060", { YOUTH_JUSTICE: 1 }, []],
    ]);
    expect((await verifyAuditChain(hub.hub.database.dataSource)).intact).toBe(true);
  });

  it("counts removals in the metrics, without naming a child or an agency", async () => {
    // The job's run is counted (the direct runs above are not: they are the service, not the job).
    const metrics = await metricsRegistry.metrics();
    expect(metrics).toMatch(/hub_retention_removed_total\{fact="record",record_type="POLICE"\} 1\n/);
    expect(metrics).toMatch(/hub_retention_runs_total\{status="APPLIED"\} 1\n/);
    expect(metrics).toMatch(/hub_retention_kept_past_retention\{reason="hold"\} 1\n/);
    expect(metrics).not.toMatch(/9990000034|Keepwell|POLICE-43/);
  });
});
