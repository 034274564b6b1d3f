import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { type Principal } from "../../src/auth/Principal";
import { ownPartsPastDue } from "../../src/breaches/breachLog";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { IG_REVIEW } from "../support/governanceAccess";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * The breach log on the 72-hour clock (issue 13 item 4) and the IG lead's overdue view (item 7): a
 * break-glass read judged not justified becomes a breach with the disclosure, the people and agencies
 * to tell and the time to report; an IG lead opens one; open breaches are listed by time left; the
 * decision is audited; what is past its timescale — a referral, a breach — is listed. Fresh children
 * of this file's own.
 */
let hub: TestHub;
const suis = syntheticNhsNumbers(882_000);
const childSui = suis.next().value as string;
const otherSui = suis.next().value as string;
const BUCKS = "E06000060";
const HOUR = 60 * 60 * 1000;

const ALERTS = /* GraphQL */ `query ($access: AccessContext!) { igAlerts(access: $access, status: OPEN) { nodes { id kind childSui principalSub } } }`;
const CLOSE = /* GraphQL */ `mutation ($id: ID!, $outcome: IgAlertOutcome!, $note: String!, $access: AccessContext!) { closeIgAlert(id: $id, outcome: $outcome, note: $note, access: $access) { id status } }`;
const BREACH_FIELDS = "id source sourceId childSuis disclosureIds disclosuresElsewhere childrenElsewhere recipients { sub agency } agenciesToTell lawEnforcement awareAt reportDueAt timescaleEdition status partsOpenElsewhere controllerPart { agency status clock awareAt reportDueAt decision subjectNotice decisionReasons icoReference reportedAt decidedBySub }";
const BREACHES = /* GraphQL */ `query ($access: AccessContext!, $status: BreachStatus) { breaches(access: $access, status: $status) { hoursLeft breach { ${BREACH_FIELDS} } } }`;
const OPEN_BREACH = /* GraphQL */ `mutation ($breach: BreachInput!, $access: AccessContext!) { openBreach(breach: $breach, access: $access) { ${BREACH_FIELDS} } }`;
const DECIDE = /* GraphQL */ `mutation ($id: ID!, $decision: BreachDecisionInput!, $access: AccessContext!) { decideBreach(id: $id, decision: $decision, access: $access) { ${BREACH_FIELDS} decidedAt } }`;
const OVERDUE = /* GraphQL */ `query ($access: AccessContext!) { overdue(access: $access) { timescale reference sui startedAt dueAt edition } }`;
const OPEN_REFERRAL = /* GraphQL */ `mutation ($referral: ReferralInput!) { openReferral(referral: $referral) { reference } }`;

type Body = { data?: Record<string, any> | null; errors?: { message: string; extensions: Record<string, unknown> }[] };
async function as(caller: TestClaims, query: string, variables: Record<string, unknown>): Promise<Body> {
  return (await hub.graphql(query, variables, await hub.token(caller))).body as Body;
}
const entries = () => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry);
const lastEntryBy = (sub: string | undefined, operation: string) => entries().findOneOrFail({ where: { operation, principalSub: sub } as never, order: { occurredAt: "DESC", id: "DESC" } as never });

/** An IG lead's breach about the second child with no disclosure (the opening agency's alone to decide), known of `hoursAgo` before now. */
async function openBreachKnown(hoursAgo: number): Promise<string> {
  const awareAt = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const opened = await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "A case file was emailed to the wrong agency's shared inbox.", childSuis: [otherSui], awareAt }, access: IG_REVIEW });
  expect(opened.errors).toBeUndefined();
  return opened.data?.openBreach.id;
}
/** Known of four days ago: a day past the 72 hours. */
const openLateBreach = () => openBreachKnown(96);

beforeAll(async () => {
  hub = await startTestHub();
  for (const sui of [childSui, otherSui]) {
    const child = { sui, givenNames: sui === childSui ? "Briony" : "Cressida", familyName: "Breachley", dateOfBirth: "2013-02-02", sex: "FEMALE", address: { kind: "HOME", line1: "8 Clock Lane", town: "Sampleton", postcode: "HP20 1UA", localAuthority: BUCKS } };
    for (const [agencyType, agencyCode, extra] of [
      ["CHILDRENS_SOCIAL_CARE", "LA-E06000060", { socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-09-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "0300 000 0001", responsibleLocalAuthority: BUCKS } }],
      ["POLICE", "POLICE-43", { police: { incidentType: "CHILD_CONCERN", childRole: "VICTIM", reportedOn: "2026-10-01" } }],
    ] as const) {
      const body = (await hub.graphql(SUBMIT, { record: { agencyCode, agencyReference: `BRCH-${agencyCode}-${sui}`, child, ...extra } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType, BUCKS)))).body;
      expect(body.errors).toBeUndefined();
    }
  }
}, 300_000);
afterAll(async () => {
  await hub.stop();
});

describe("a break-glass read judged not justified", () => {
  it("becomes a breach with the disclosure, the people and agencies to tell, and 72 hours from the review", async () => {
    const emergency = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Unconscious child brought in overnight; checking for a plan." });
    const read = await as(CALLERS.hospitalDoctor, CHILD_QUERY, { sui: childSui, access: emergency });
    expect(read.errors).toBeUndefined();
    const breakGlassDisclosure = read.data?.child.disclosureId;
    const alerts = await as(CALLERS.igLead, ALERTS, { access: IG_REVIEW });
    const alert = alerts.data?.igAlerts.nodes.find((node: { childSui: string; principalSub: string }) => node.childSui === childSui && node.principalSub === CALLERS.hospitalDoctor.sub);
    expect(alert).toMatchObject({ kind: "BREAK_GLASS" });
    const before = Date.now();
    const closed = await as(CALLERS.igLead, CLOSE, { id: alert.id, outcome: "NOT_JUSTIFIED", note: "The child was known to the trust; no emergency justified the wider view.", access: IG_REVIEW });
    expect(closed.errors).toBeUndefined();

    const log = await as(CALLERS.igLead, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    expect(log.errors).toBeUndefined();
    const entry = log.data?.breaches.find((item: { breach: { sourceId: string } }) => item.breach.sourceId === alert.id);
    expect(entry.breach).toMatchObject({
      source: "BREAK_GLASS_NOT_JUSTIFIED", childSuis: [childSui], disclosureIds: [breakGlassDisclosure],
      recipients: [{ sub: CALLERS.hospitalDoctor.sub, agency: "TRUST-RX1" }], status: "OPEN", timescaleEdition: "working-together-2023",
      controllerPart: { agency: "LA-E06000060", status: "OPEN", clock: "RUNNING", decision: null, subjectNotice: null, decisionReasons: null, icoReference: null, reportedAt: null, decidedBySub: null },
    });
    // The agencies whose records went out, and the recipient's.
    expect(entry.breach.agenciesToTell).toEqual(expect.arrayContaining(["TRUST-RX1", "LA-E06000060"]));
    const aware = new Date(entry.breach.awareAt).getTime();
    expect(aware).toBeGreaterThanOrEqual(before - 1000);
    expect(new Date(entry.breach.reportDueAt).getTime() - aware).toBe(72 * HOUR);
    expect(entry.hoursLeft).toBeGreaterThan(71);
    expect(entry.hoursLeft).toBeLessThanOrEqual(72);
    expect(await lastEntryBy(CALLERS.igLead.sub, "BREACH_OPENED")).toMatchObject({ outcome: "RECORDED", childSuis: [childSui] });
  });
});

describe("an IG lead opens a breach", () => {
  it("validates it with stable codes", async () => {
    const future = new Date(Date.now() + HOUR).toISOString();
    const cases = [
      [{ description: "Letter sent to the wrong address.", disclosureIds: [], childSuis: [] }, "BREACH_UNSPECIFIED"],
      [{ description: "Letter sent to the wrong address.", childSuis: [otherSui], awareAt: future }, "AWARE_IN_FUTURE"],
      [{ description: "short", childSuis: [otherSui] }, "REASON_TOO_SHORT"],
    ] as const;
    for (const [breach, problem] of cases) expect((await as(CALLERS.igLead, OPEN_BREACH, { breach, access: IG_REVIEW })).errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem });
    expect((await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "Letter sent to the wrong address.", childSuis: ["1234567890"] }, access: IG_REVIEW })).errors?.[0]?.extensions).toMatchObject({ code: "INVALID_SUI" });
  });

  it("refuses an awareness before the earliest edition of the timescales as the caller's input, naming the earliest date accepted", async () => {
    const error = (await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "A letter went to the wrong address in 2023; found in an audit today.", childSuis: [otherSui], awareAt: "2023-06-01T09:00:00Z" }, access: IG_REVIEW })).errors?.[0];
    expect(error?.extensions).toMatchObject({ code: "INVALID_INPUT", problem: "NO_EDITION_IN_FORCE", path: "breach.awareAt", earliestAccepted: "2023-12-15" });
    expect(error?.message).toContain("2023-12-15");
  });

  it("is for IG leads only: a social worker is refused, on the trail", async () => {
    const body = await as(CALLERS.socialWorker, BREACHES, { access: access("SECTION_47_ENQUIRY") });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(await lastEntryBy(CALLERS.socialWorker.sub, "BREACHES_READ")).toMatchObject({ outcome: "REFUSED", refusalRule: "breach-log:ig-lead-only" });
  });

  it("known of four days ago: overdue, first in the log, and on the overdue view", async () => {
    const onTimeBreachId = await openBreachKnown(0);
    const lateBreachId = await openLateBreach();
    const log = await as(CALLERS.igLead, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    const ids = log.data?.breaches.map((item: { breach: { id: string } }) => item.breach.id);
    expect(ids.indexOf(onTimeBreachId)).toBeGreaterThan(-1);
    expect(ids.indexOf(lateBreachId)).toBeLessThan(ids.indexOf(onTimeBreachId));
    expect(log.data?.breaches[ids.indexOf(lateBreachId)].hoursLeft).toBeLessThan(-23);
    // Named with no disclosure: the opening agency's alone to decide.
    expect(log.data?.breaches[ids.indexOf(lateBreachId)].breach).toMatchObject({ source: "IG_LEAD", childSuis: [otherSui], disclosureIds: [], status: "OPEN", partsOpenElsewhere: 0, controllerPart: { agency: "LA-E06000060", status: "OPEN", clock: "OVERDUE" } });
  });
});

describe("a breach across several agencies' children", () => {
  const trustIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-trust-rx1", agency: "TRUST-RX1", agency_type: "HEALTH" };
  let doctorsRead: string;
  let socialWorkersRead: string;
  let breachId: string;

  beforeAll(async () => {
    const emergency = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child collapsed in clinic; checking for a plan before treatment." });
    const doctor = await as({ ...CALLERS.hospitalDoctor, sub: "doctor-breach-part" }, CHILD_QUERY, { sui: childSui, access: emergency });
    expect(doctor.errors).toBeUndefined();
    doctorsRead = doctor.data?.child.disclosureId;
    const worker = await as({ ...CALLERS.socialWorker, sub: "sw-breach-part" }, CHILD_QUERY, { sui: otherSui, access: access("SECTION_47_ENQUIRY") });
    expect(worker.errors).toBeUndefined();
    socialWorkersRead = worker.data?.child.disclosureId;
    const opened = await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "Both files were printed to a shared printer in a public corridor.", disclosureIds: [doctorsRead, socialWorkersRead] }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openBreach).toMatchObject({ childSuis: [childSui, otherSui].sort(), disclosuresElsewhere: 0, childrenElsewhere: 0 });
    breachId = opened.data?.openBreach.id;
  });

  it("shows another controlling agency's IG lead only its own part: its disclosure, its people, its child; the rest counted", async () => {
    const log = await as(trustIgLead, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    expect(log.errors).toBeUndefined();
    const entry = log.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === breachId);
    expect(entry?.breach).toMatchObject({
      disclosureIds: [doctorsRead], childSuis: [childSui], recipients: [{ sub: "doctor-breach-part", agency: "TRUST-RX1" }], disclosuresElsewhere: 1, childrenElsewhere: 1,
    });
    expect(entry?.breach.agenciesToTell).toContain("TRUST-RX1");
  });

  it("refuses a disclosure the caller's agency is not party to exactly as an id the trail does not hold", async () => {
    const open = async (id: string) => (await as(trustIgLead, OPEN_BREACH, { breach: { description: "A disclosure we believe went astray.", disclosureIds: [id] }, access: IG_REVIEW })).errors?.[0]?.extensions;
    const others = await open(socialWorkersRead);
    expect(others).toMatchObject({ code: "INVALID_INPUT", problem: "DISCLOSURE_NOT_FOUND" });
    expect(await open("00000000-0000-4000-8000-000000000000")).toEqual(others);
    expect((await open(doctorsRead))).toBeUndefined();
  });
});

describe("a breach of one disclosure about children held by different agencies", () => {
  const policeIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-police-several", agency: "POLICE-43", agency_type: "POLICE" };
  const gpIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-gp-several", agency: "GP-K99001", agency_type: "HEALTH" };
  const patientSui = suis.next().value as string;
  const breachFields = (body: Body, id?: string) => (id === undefined ? body.data?.openBreach : body.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === id)?.breach);
  let breachId: string;

  beforeAll(async () => {
    // A child only a GP practice holds, and one the force holds; both went out in one notification to the council, with the force's and the practice's records.
    const patient = { sui: patientSui, givenNames: "Delphine", familyName: "Manychild", dateOfBirth: "2014-03-03", sex: "FEMALE" };
    const submitted = (await hub.graphql(SUBMIT, { record: { agencyCode: "GP-K99001", agencyReference: `BRCH-GP-${patientSui}`, child: patient, health: { gpPracticeCode: "K99001", registeredOn: "2016-06-01" } } }, await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "HEALTH", BUCKS)))).body;
    expect(submitted.errors).toBeUndefined();
    const records: { id: string }[] = await hub.hub.database.dataSource.query(`SELECT id FROM agency_record WHERE agency_reference = ANY($1) ORDER BY agency_reference`, [[`BRCH-POLICE-43-${childSui}`, `BRCH-GP-${patientSui}`]]);
    const recipient = { sub: "sw-several", name: "Never Logged", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: BUCKS, team: null, tokenId: null } as const;
    const { id } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: "notify-several", principal: { ...recipient, roles: ["SOCIAL_WORKER"] }, operation: "NOTIFICATION_DELIVERY", childSuis: [childSui, patientSui], outcome: "DISCLOSED",
      access: { purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "Routed notification.", caseReference: null, breakGlass: false },
      fieldsDisclosed: ["children[0].name", "children[1].name"], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
      details: { recordIds: records.map((record) => record.id) },
    });
    const opened = await as(policeIgLead, OPEN_BREACH, { breach: { description: "The notification went to a shared inbox outside the team.", disclosureIds: [id] }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    breachId = opened.data?.openBreach.id;
    // The force answers for its own child: the practice's child is counted, never named.
    expect(breachFields(opened)).toMatchObject({ disclosureIds: [id], childSuis: [childSui], childrenElsewhere: 1 });
  });

  it("shows the practice's IG lead its own child and counts the force's", async () => {
    const log = await as(gpIgLead, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    expect(log.errors).toBeUndefined();
    expect(breachFields(log, breachId)).toMatchObject({ childSuis: [patientSui], childrenElsewhere: 1 });
    expect(JSON.stringify(breachFields(log, breachId))).not.toContain(childSui);
  });

  it("shows the receiving agency's IG lead both children: its staff received them", async () => {
    const log = await as(CALLERS.igLead, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    expect(breachFields(log, breachId)).toMatchObject({ childSuis: [childSui, patientSui].sort(), childrenElsewhere: 0 });
  });
});

describe("the overdue view", () => {
  it("lists a referral past its decision and a breach past 72 hours, most overdue first, counted by the timescales", async () => {
    const lateBreachId = await openLateBreach();
    const onTimeBreachId = await openBreachKnown(0);
    const receivedAt = new Date(Date.now() - 6 * 24 * HOUR).toISOString();
    const mash: TestClaims = { ...CALLERS.mash, sub: "mash-overdue" };
    const referral = await as(mash, OPEN_REFERRAL, { referral: { sui: otherSui, reference: "MASH-LATE-1", referralSource: "HEALTH", receivedAt, reason: "Health visitor reports the baby's weight falling and missed appointments." } });
    expect(referral.errors).toBeUndefined();
    const body = await as(CALLERS.igLead, OVERDUE, { access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    const items = body.data?.overdue as { timescale: string; reference: string; sui: string; dueAt: string; startedAt: string }[];
    const late = items.find((item) => item.reference === "MASH-LATE-1");
    expect(late).toMatchObject({ timescale: "REFERRAL_DECISION", sui: otherSui });
    expect(new Date(late!.dueAt).getTime()).toBeLessThan(Date.now());
    expect(items.find((item) => item.reference === lateBreachId)).toMatchObject({ timescale: "PERSONAL_DATA_BREACH_REPORT", sui: otherSui });
    // The breach on time is not overdue.
    expect(items.find((item) => item.reference === onTimeBreachId)).toBeUndefined();
    const dues = items.map((item) => new Date(item.dueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(await lastEntryBy(CALLERS.igLead.sub, "OVERDUE_READ")).toMatchObject({ outcome: "DISCLOSED", purpose: "INFORMATION_GOVERNANCE" });
  });

  it("shows an authority's referrals only to its own children's services' IG lead, never to another agency's that names the area", async () => {
    const receivedAt = new Date(Date.now() - 6 * 24 * HOUR).toISOString();
    const mash: TestClaims = { ...CALLERS.mash, sub: "mash-overdue-reach" };
    const referral = await as(mash, OPEN_REFERRAL, { referral: { sui: childSui, reference: "MASH-LATE-REACH", referralSource: "SCHOOL", receivedAt, reason: "School reports the child arriving hungry and frightened of going home." } });
    expect(referral.errors).toBeUndefined();
    const references = async (caller: TestClaims) => {
      const body = await as(caller, OVERDUE, { access: IG_REVIEW });
      expect(body.errors).toBeUndefined();
      return (body.data?.overdue as { reference: string }[]).map((item) => item.reference);
    };
    expect(await references(CALLERS.igLead)).toContain("MASH-LATE-REACH");
    // A school's and a police force's IG leads whose tokens name the council's area: the referrals are the MASH's, not theirs.
    for (const [code, type] of [["SCH-199001", "EDUCATION"], ["POLICE-43", "POLICE"]] as const) {
      const elsewhere: TestClaims = { ...CALLERS.igLead, sub: `ig-overdue-${code.toLowerCase()}`, agency: code, agency_type: type, la: BUCKS };
      expect(await references(elsewhere)).not.toContain("MASH-LATE-REACH");
    }
  });

  it("is for IG leads only", async () => {
    expect((await as(CALLERS.cscManager, OVERDUE, { access: access("SECTION_47_ENQUIRY") })).errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("deciding a breach", () => {
  it("records the report with the ICO's reference, whether the people affected are told, and the reasons — once; late decisions say so on the trail", async () => {
    const lateBreachId = await openLateBreach();
    const reportedAt = new Date(Date.now() - HOUR).toISOString();
    const reasons = "Reported to the ICO; telling the family would alert the alleged abuser.";
    const invalid = [
      [{ decision: "REPORT", subjectNotice: "TELL", reasons }, "ICO_REFERENCE_REQUIRED"],
      [{ decision: "REPORT", subjectNotice: "TELL", reasons, icoReference: "IC-998877" }, "REPORTED_AT_REQUIRED"],
      [{ decision: "REPORT", subjectNotice: "TELL", reasons, icoReference: "IC-998877", reportedAt: new Date(Date.now() + HOUR).toISOString() }, "REPORTED_IN_FUTURE"],
      [{ decision: "NO_REPORT", subjectNotice: "TELL", reasons, icoReference: "IC-998877" }, "NOT_REPORTED"],
    ] as const;
    for (const [decision, problem] of invalid) expect((await as(CALLERS.igLead, DECIDE, { id: lateBreachId, decision, access: IG_REVIEW })).errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", problem });
    const decision = { decision: "REPORT", subjectNotice: "RESTRICTED_SAFEGUARDING", reasons, icoReference: "IC-998877", reportedAt };
    const body = await as(CALLERS.igLead, DECIDE, { id: lateBreachId, decision, access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    expect(body.data?.decideBreach).toMatchObject({
      status: "DECIDED", partsOpenElsewhere: 0,
      controllerPart: { status: "DECIDED", clock: "LATE", decision: "REPORT", subjectNotice: "RESTRICTED_SAFEGUARDING", decisionReasons: reasons, icoReference: "IC-998877", reportedAt, decidedBySub: CALLERS.igLead.sub },
    });
    const entry = await lastEntryBy(CALLERS.igLead.sub, "BREACH_DECIDED");
    expect(entry).toMatchObject({ outcome: "RECORDED", childSuis: [otherSui] });
    expect(entry.details).toMatchObject({ breachId: lateBreachId, agency: "LA-E06000060", decision: "REPORT", subjectNotice: "RESTRICTED_SAFEGUARDING", icoReference: "IC-998877", reportedAt, late: true });
    // Other controllers' IG leads read entries about the children they hold: the trail binds the reasons by digest, never carries them.
    expect(entry.details).not.toHaveProperty("reasons");
    expect(JSON.stringify(entry.details)).not.toContain("alleged abuser");
    const again = await as(CALLERS.igLead, DECIDE, { id: lateBreachId, decision, access: IG_REVIEW });
    expect(again.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", problem: "BREACH_ALREADY_DECIDED" });
    const listed = async (status: string) => (await as(CALLERS.igLead, BREACHES, { access: IG_REVIEW, status })).data?.breaches.map((item: { breach: { id: string } }) => item.breach.id);
    expect(await listed("DECIDED")).toContain(lateBreachId);
    expect(await listed("OPEN")).not.toContain(lateBreachId);
  });

  it("an IG lead whose agency holds the child but controls no part of the breach may not decide it, on the trail", async () => {
    const police: TestClaims = { ...CALLERS.igLead, sub: "ig-police-no-part", agency: "POLICE-43", agency_type: "POLICE" };
    const body = await as(police, DECIDE, { id: await openLateBreach(), decision: { decision: "NO_REPORT", subjectNotice: "NOT_REQUIRED", reasons: "Not ours to decide, surely." }, access: IG_REVIEW });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", problem: "NOT_A_CONTROLLER" });
    expect(await lastEntryBy(police.sub, "BREACH_DECIDED")).toMatchObject({ outcome: "REFUSED", refusalRule: "breach-log:own-part-only" });
  });

  it("an IG lead of an agency with nothing to do with the breach does not find it", async () => {
    const elsewhere: TestClaims = { ...CALLERS.igLead, sub: "ig-elsewhere", agency: "SCH-199001", agency_type: "EDUCATION" };
    const body = await as(elsewhere, DECIDE, { id: await openBreachKnown(0), decision: { decision: "NO_REPORT", subjectNotice: "NOT_REQUIRED", reasons: "Not ours to decide, surely." }, access: IG_REVIEW });
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("what one controller's IG lead wrote, and a child another is kept out of", () => {
  const trustIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-trust-free-text", agency: "TRUST-RX1", agency_type: "HEALTH" };
  const RECORD = /* GraphQL */ `mutation ($sui: ID!, $exclusion: ChildExclusionInput!, $access: AccessContext!) { recordChildExclusion(sui: $sui, exclusion: $exclusion, access: $access) { id } }`;
  const WRITTEN = `${BREACH_FIELDS} description openedBySub`;
  const find = async (caller: TestClaims, status: string, id: string) => {
    const log = await as(caller, `query ($access: AccessContext!, $status: BreachStatus) { breaches(access: $access, status: $status) { breach { ${WRITTEN} } } }`, { access: IG_REVIEW, status });
    expect(log.errors).toBeUndefined();
    return log.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === id)?.breach;
  };

  it("shows the description and opener only to the opening agency, a part's decision only to its agency, and no kept-out child", async () => {
    const emergency = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child brought in unresponsive; checking for a plan." });
    const reads: string[] = [];
    for (const sui of [childSui, otherSui]) {
      const read = await as({ ...CALLERS.hospitalDoctor, sub: "doctor-free-text" }, CHILD_QUERY, { sui, access: emergency });
      expect(read.errors).toBeUndefined();
      reads.push(read.data?.child.disclosureId);
    }
    expect((await as(CALLERS.igLead, RECORD, { sui: otherSui, exclusion: { kind: "STAFF", subject: trustIgLead.sub, agencyCode: "TRUST-RX1", reason: "The trust's IG lead is the child's aunt." }, access: IG_REVIEW })).errors).toBeUndefined();
    const description = "The doctor's printouts on Briony and Cressida were left on the ward desk.";
    const opened = await as(CALLERS.igLead, OPEN_BREACH, { breach: { description, disclosureIds: reads }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    const id = opened.data?.openBreach.id as string;

    expect(await find(CALLERS.igLead, "OPEN", id)).toMatchObject({ description, openedBySub: CALLERS.igLead.sub, childSuis: [childSui, otherSui].sort() });
    expect(await find(trustIgLead, "OPEN", id)).toMatchObject({
      description: null, openedBySub: null, sourceId: null, childSuis: [childSui], disclosureIds: [reads[0]], disclosuresElsewhere: 1, childrenElsewhere: 1,
    });

    const reasons = "Printouts recovered unread within the hour; no report.";
    const decided = await as(trustIgLead, DECIDE.replace("decidedAt", "decidedAt description"), { id, decision: { decision: "NO_REPORT", subjectNotice: "NOT_REQUIRED", reasons }, access: IG_REVIEW });
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideBreach).toMatchObject({ controllerPart: { agency: "TRUST-RX1", decisionReasons: reasons, decidedBySub: trustIgLead.sub }, description: null, childSuis: [childSui] });
    // The council's part is the council's to decide: still open to it, nothing of the trust's decision in it.
    expect(await find(CALLERS.igLead, "OPEN", id)).toMatchObject({ controllerPart: { agency: "LA-E06000060", status: "OPEN", decision: null, decisionReasons: null, decidedBySub: null }, description, status: "OPEN" });
  });
});

describe("a breach of two controllers' records", () => {
  const policeIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-police-parts", agency: "POLICE-43", agency_type: "POLICE" };
  const inLog = async (caller: TestClaims, status: string, id: string) => {
    const log = await as(caller, BREACHES, { access: IG_REVIEW, status });
    expect(log.errors).toBeUndefined();
    return log.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === id);
  };
  const overdueFor = async (caller: TestClaims) => {
    const body = await as(caller, OVERDUE, { access: IG_REVIEW });
    expect(body.errors).toBeUndefined();
    return (body.data?.overdue as { reference: string; sui: string }[]);
  };
  const councilReasons = "Bundle recalled and deleted by the recipient within minutes; no risk to the child.";
  const councilDecides = (id: string) => as(CALLERS.igLead, DECIDE, { id, decision: { decision: "NO_REPORT", subjectNotice: "NOT_REQUIRED", reasons: councilReasons }, access: IG_REVIEW });
  let disclosureId: string;
  let breachId: string;

  // Each test decides parts of a breach of its own.
  beforeEach(async () => {
    // The council's and the force's records of the child went out together in one read.
    const read = await as({ ...CALLERS.socialWorker, sub: "sw-breach-parts" }, CHILD_QUERY, { sui: childSui, access: access("SECTION_47_ENQUIRY") });
    expect(read.errors).toBeUndefined();
    disclosureId = read.data?.child.disclosureId;
    const opened = await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "The s.47 bundle was emailed to a personal address.", disclosureIds: [disclosureId] }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    expect(opened.data?.openBreach).toMatchObject({ agenciesToTell: ["LA-E06000060", "POLICE-43"], partsOpenElsewhere: 1, controllerPart: { agency: "LA-E06000060", status: "OPEN" } });
    breachId = opened.data?.openBreach.id;
  });

  it("one controller's decision leaves the other's part open, its clock running, and tells it nothing of the first's", async () => {
    const decided = await councilDecides(breachId);
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideBreach).toMatchObject({ status: "OPEN", decidedAt: null, partsOpenElsewhere: 1, controllerPart: { status: "DECIDED", clock: "MET", decision: "NO_REPORT", decisionReasons: councilReasons } });
    const theirs = await inLog(policeIgLead, "OPEN", breachId);
    expect(theirs?.breach).toMatchObject({
      status: "OPEN", partsOpenElsewhere: 0,
      controllerPart: { agency: "POLICE-43", status: "OPEN", clock: "RUNNING", decision: null, subjectNotice: null, decisionReasons: null, decidedBySub: null },
    });
    expect(theirs?.hoursLeft).toBeGreaterThan(71);
    expect(JSON.stringify(theirs)).not.toContain("recalled");
    expect(await inLog(policeIgLead, "DECIDED", breachId)).toBeUndefined();
    // The council's log holds it as decided by the council, no longer among what it has to decide.
    expect(await inLog(CALLERS.igLead, "OPEN", breachId)).toBeUndefined();
    expect((await inLog(CALLERS.igLead, "DECIDED", breachId))?.breach).toMatchObject({ status: "OPEN", partsOpenElsewhere: 1, controllerPart: { decisionReasons: councilReasons } });
  });

  it("is closed only when both have decided, each its own part; neither reads the other's", async () => {
    const reportedAt = new Date(Date.now() - 60_000).toISOString();
    const reasons = "Reported: the bundle names a suspect under investigation.";
    expect((await councilDecides(breachId)).errors).toBeUndefined();
    const decided = await as(policeIgLead, DECIDE, { id: breachId, decision: { decision: "REPORT", subjectNotice: "RESTRICTED_CRIME", reasons, icoReference: "IC-445566", reportedAt }, access: IG_REVIEW });
    expect(decided.errors).toBeUndefined();
    expect(decided.data?.decideBreach).toMatchObject({ status: "DECIDED", partsOpenElsewhere: 0, controllerPart: { agency: "POLICE-43", clock: "MET", decision: "REPORT", icoReference: "IC-445566", decisionReasons: reasons } });
    expect(decided.data?.decideBreach.decidedAt).not.toBeNull();
    expect(JSON.stringify(decided.data)).not.toContain("recalled");
    const ours = await inLog(CALLERS.igLead, "DECIDED", breachId);
    expect(ours?.breach).toMatchObject({ status: "DECIDED", controllerPart: { agency: "LA-E06000060", decision: "NO_REPORT", decisionReasons: councilReasons, icoReference: null } });
    expect(JSON.stringify(ours)).not.toContain("IC-445566");
    expect(JSON.stringify(ours)).not.toContain("suspect");
  });

  it("runs each controller's clock from its own awareness: the opener's from when it says, one told later from when the hub told it", async () => {
    const awareAt = new Date(Date.now() - 96 * HOUR).toISOString();
    const told = Date.now();
    const opened = await as(CALLERS.igLead, OPEN_BREACH, { breach: { description: "The same bundle was found on a shared drive four days ago.", disclosureIds: [disclosureId], awareAt }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    const id = opened.data?.openBreach.id as string;
    // The council knew four days ago: its 72 hours are gone.
    expect(opened.data?.openBreach).toMatchObject({ awareAt, controllerPart: { agency: "LA-E06000060", awareAt, clock: "OVERDUE" } });
    expect(new Date(opened.data?.openBreach.controllerPart.reportDueAt).getTime() - new Date(awareAt).getTime()).toBe(72 * HOUR);
    expect((await overdueFor(CALLERS.igLead)).map((item) => item.reference)).toContain(id);
    const decided = await councilDecides(id);
    expect(decided.data?.decideBreach).toMatchObject({ status: "OPEN", controllerPart: { clock: "LATE" } });
    expect((await overdueFor(CALLERS.igLead)).map((item) => item.reference)).not.toContain(id);

    // The force became aware when the hub told it — now — and has its own 72 hours from then.
    const theirs = await inLog(policeIgLead, "OPEN", id);
    const part = theirs?.breach.controllerPart;
    expect(part).toMatchObject({ agency: "POLICE-43", status: "OPEN", clock: "RUNNING" });
    const policeAware = new Date(part.awareAt).getTime();
    expect(policeAware).toBeGreaterThanOrEqual(told - 1000);
    expect(policeAware).toBeLessThanOrEqual(Date.now());
    expect(new Date(part.reportDueAt).getTime() - policeAware).toBe(72 * HOUR);
    expect(theirs?.breach).toMatchObject({ awareAt: part.awareAt, reportDueAt: part.reportDueAt });
    expect(theirs?.hoursLeft).toBeGreaterThan(71);
    expect((await overdueFor(policeIgLead)).map((item) => item.reference)).not.toContain(id);
    // On the hub's clock: past its own 72 hours, and only then, the force's part is overdue.
    const force: Principal = { sub: "ig-police-parts", name: "IG lead", agency: "POLICE-43", agencyType: "POLICE", roles: ["IG_LEAD"], localAuthority: BUCKS, team: null, tokenId: null };
    const pastDue = async (at: number) => (await ownPartsPastDue(hub.hub.database.dataSource, force, new Date(at), 500)).map((breach) => breach.id);
    expect(await pastDue(policeAware + 71 * HOUR)).not.toContain(id);
    expect(await pastDue(policeAware + 73 * HOUR)).toContain(id);
    const late = (await ownPartsPastDue(hub.hub.database.dataSource, force, new Date(policeAware + 73 * HOUR), 500)).find((breach) => breach.id === id);
    expect(late?.controllerPart).toMatchObject({ clock: "OVERDUE" });
  });
});

describe("a breach of a disclosure that carried another agency's sealed or brokered record", () => {
  const schoolIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-school-restricted", agency: "SCH-199001", agency_type: "EDUCATION" };
  const sealedIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-lincs-sealed", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", la: "E10000019" };
  const brokeredIgLead: TestClaims = { ...CALLERS.igLead, sub: "ig-gp-brokered", agency: "GP-K99001", agency_type: "HEALTH" };
  const pupilSui = suis.next().value as string;
  const TRAIL = /* GraphQL */ `query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access, first: 100) { nodes { operation principal { agency } details } } }`;
  const records: Record<string, string> = {};
  const inLog = async (caller: TestClaims, id: string) => {
    const log = await as(caller, BREACHES, { access: IG_REVIEW, status: "OPEN" });
    expect(log.errors).toBeUndefined();
    return log.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === id)?.breach;
  };
  /** A social worker's read that carried the school's record and the restricted one; the school's IG lead (or `opener`) opens a breach of it. */
  const breachOf = async (restricted: string, opener: TestClaims = schoolIgLead) => {
    const recipient = { sub: `sw-restricted-${restricted}`, name: "Never Logged", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", roles: ["SOCIAL_WORKER"], localAuthority: BUCKS, team: null, tokenId: null } as const;
    const { id: disclosureId } = await recordAuditEntry(hub.hub.database.dataSource, {
      requestId: `read-${restricted}-${opener.sub}`, principal: { ...recipient, roles: ["SOCIAL_WORKER"] }, operation: "CHILD_RECORD", childSuis: [pupilSui], outcome: "DISCLOSED",
      access: { purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "Section 47 enquiry.", caseReference: null, breakGlass: false },
      fieldsDisclosed: [`education[${records.school}].rollStatus`], fieldsWithheld: [], policyVersion: null, breakGlass: false, prejudicesInvestigation: false,
      details: { recordIds: [records.school, records[restricted]] },
    });
    const opened = await as(opener, OPEN_BREACH, { breach: { description: "The enquiry bundle was emailed to the wrong school.", disclosureIds: [disclosureId] }, access: IG_REVIEW });
    expect(opened.errors).toBeUndefined();
    return { disclosureId, opened: opened.data?.openBreach };
  };

  beforeAll(async () => {
    const pupil = { sui: pupilSui, givenNames: "Elowen", familyName: "Sealwood", dateOfBirth: "2014-05-05", sex: "FEMALE", address: { kind: "HOME", line1: "3 Hidden Row", town: "Sampleton", postcode: "HP20 1UA", localAuthority: BUCKS } };
    const submissions = [
      ["school", "SCH-199001", "EDUCATION", BUCKS, { education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" } }],
      // Another authority's plan under the child's new identity, and a sexual-health service's brokered record.
      ["sealed", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", "E10000019", { labels: ["SEALED"], socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "SEXUAL_ABUSE", startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "0300 000 0009", responsibleLocalAuthority: "E10000019" } }],
      ["brokered", "GP-K99001", "HEALTH", BUCKS, { labels: ["BROKERED"], health: { gpPracticeCode: "K99001", registeredOn: "2020-01-01" } }],
    ] as const;
    for (const [key, agencyCode, agencyType, la, extra] of submissions) {
      const body = (await hub.graphql(SUBMIT, { record: { agencyCode, agencyReference: `BRCH-RESTRICTED-${key}`, child: pupil, ...extra } }, await hub.token(AGENCY_SYSTEM_CLAIMS(agencyCode, agencyType, la)))).body;
      expect(body.errors).toBeUndefined();
      const [row]: { id: string }[] = await hub.hub.database.dataSource.query(`SELECT id FROM agency_record WHERE agency_code = $1 AND agency_reference = $2`, [agencyCode, `BRCH-RESTRICTED-${key}`]);
      records[key] = row.id;
    }
  });

  it.each([
    ["sealed", "LA-E10000019", () => sealedIgLead],
    ["brokered", "GP-K99001", () => brokeredIgLead],
  ] as const)("tells the %s record's agency of its own part, and no other agency that it is there", async (restricted, owner, ownerIgLead) => {
    const { disclosureId, opened } = await breachOf(restricted);
    const id = opened.id as string;
    // The opening school, and the council whose staff received it: two controllers, each the other's only other part.
    expect(opened).toMatchObject({ agenciesToTell: ["LA-E06000060", "SCH-199001"], partsOpenElsewhere: 1, disclosureIds: [disclosureId], childSuis: [pupilSui] });
    for (const reader of [schoolIgLead, CALLERS.igLead]) {
      const seen = await inLog(reader, id);
      expect(seen).toMatchObject({ agenciesToTell: ["LA-E06000060", "SCH-199001"], partsOpenElsewhere: 1, disclosuresElsewhere: 0, childrenElsewhere: 0 });
      expect(JSON.stringify(seen)).not.toContain(owner);
    }
    // Its own IG lead sees its part, on its own clock from when the hub told it.
    const own = await inLog(ownerIgLead(), id);
    expect(own).toMatchObject({
      disclosureIds: [disclosureId], childSuis: [pupilSui], agenciesToTell: [owner, "LA-E06000060", "SCH-199001"].sort(), partsOpenElsewhere: 2,
      controllerPart: { agency: owner, status: "OPEN", clock: "RUNNING" },
    });
    const decided = await as(ownerIgLead(), DECIDE, { id, decision: { decision: "NO_REPORT", subjectNotice: "RESTRICTED_SAFEGUARDING", reasons: "The recipient school deleted it unread; telling the family is not safe." }, access: IG_REVIEW });
    expect(decided.errors).toBeUndefined();
    // Once the school and the council have decided, the breach is closed as far as either may know: nothing open is left to count.
    for (const reader of [schoolIgLead, CALLERS.igLead]) {
      expect((await as(reader, DECIDE, { id, decision: { decision: "NO_REPORT", subjectNotice: "NOT_REQUIRED", reasons: "Recalled from the wrong school unread within the hour." }, access: IG_REVIEW })).errors).toBeUndefined();
    }
    const closed = await as(schoolIgLead, BREACHES, { access: IG_REVIEW, status: "DECIDED" });
    expect(closed.data?.breaches.find((item: { breach: { id: string } }) => item.breach.id === id)?.breach).toMatchObject({ status: "DECIDED", partsOpenElsewhere: 0 });

    // Nor does the trail the school's IG lead reads name it, or its record, in any entry's details.
    const trail = await as(schoolIgLead, TRAIL, { filter: { childSui: pupilSui }, access: IG_REVIEW });
    expect(trail.errors).toBeUndefined();
    const nodes = trail.data?.disclosures.nodes as { operation: string; principal: { agency: string }; details: Record<string, unknown> }[];
    expect(nodes.find((node) => node.operation === "BREACH_OPENED" && (node.details as { breachId?: string }).breachId === id)?.details).toMatchObject({ agenciesToTell: ["LA-E06000060", "SCH-199001"] });
    for (const node of nodes) {
      expect(JSON.stringify(node.details)).not.toContain(owner);
      expect(JSON.stringify(node.details)).not.toContain(records[restricted]);
      if (node.principal.agency === owner) expect(JSON.stringify(node.details)).not.toContain(id);
    }
  });

  it("keeps a sealed record's agency out of every other agency's view when it opens the breach itself", async () => {
    const { opened } = await breachOf("sealed", sealedIgLead);
    const id = opened.id as string;
    expect(opened).toMatchObject({ agenciesToTell: ["LA-E06000060", "LA-E10000019", "SCH-199001"], controllerPart: { agency: "LA-E10000019", clock: "RUNNING" } });
    const seen = await inLog(schoolIgLead, id);
    expect(seen).toMatchObject({ agenciesToTell: ["LA-E06000060", "SCH-199001"], partsOpenElsewhere: 1 });
    expect(JSON.stringify(seen)).not.toContain("LA-E10000019");
    const trail = await as(schoolIgLead, TRAIL, { filter: { childSui: pupilSui, operation: "BREACH_OPENED" }, access: IG_REVIEW });
    expect(trail.errors).toBeUndefined();
    for (const node of trail.data?.disclosures.nodes as { details: Record<string, unknown> }[]) {
      expect(JSON.stringify(node.details)).not.toContain("LA-E10000019");
      expect(JSON.stringify(node.details)).not.toContain(id);
    }
  });
});
