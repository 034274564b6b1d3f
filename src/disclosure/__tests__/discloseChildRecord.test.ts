import { IgAlert } from "../../alerts/IgAlert";
import { Agency } from "../../directory/Agency";
import { ChildExclusion, ExclusionKind } from "../../exclusions/ChildExclusion";
import { recordConsent } from "../../consent/recordConsent";
import { recordConsentOverride } from "../../consent/recordConsentOverride";
import { HubError } from "../../errors/HubError";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { type AccessContext } from "../../policy/AccessContext";
import { type Principal } from "../../auth/Principal";
import { NotificationDelivery } from "../../notifications/NotificationDelivery";
import { recordSearchedChildren } from "../../referrals/bindReferral";
import { openReferral } from "../../referrals/openReferral";
import { Referral } from "../../referrals/Referral";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { submitRecord } from "../../records/submitRecord";
import { testAgency } from "../../../test/support/fixtures";
import { statementsFor } from "../../../test/support/statementCount";
import { discloseChildRecord } from "../discloseChildRecord";
import { accessFor, agencySystem, CALLER, childOf, openDisclosureDatabase, practitioner, type DisclosureDatabase } from "./disclosureDatabase";

/**
 * `discloseChildRecord` on a migrated database, records written through `submitRecord` and the real
 * policies: what each caller is shown, withheld or not told at all, and the audit entry that commits
 * before the answer — its outcome, refusal, record ids, withheld fields and details.
 */
let db: DisclosureDatabase;
const suis = syntheticNhsNumbers(871_000);
const next = () => suis.next().value as string;

const WREN = next();
const ROSA = next();
const AMBER = next();
const CASS = next();
const NOBODY = next();
const LINCS_ONLY = next();
const SKYE = next();
const HAZEL = next();
const POPPY = next();
const IVO = next();
const MABEL = next();
const OTTILIE = next();
// Children of one test each, for tests that read what any other disclosure of the child would change:
// a break-glass alert, an override in force, an exclusion's alert window.
const LINNEA = next();
const TANSY = next();
const HOLLY = next();
/** A clinician at an emergency department, an unscheduled-care setting the directory holds (CP-IS). */
const ED_CLINICIAN = practitioner("ed-db-cpis", "ED-DB-VALE", "HEALTH", ["HEALTH_PRACTITIONER"]);
/** A social worker whose exclusion from Hazel's file was lifted. */
const READMITTED = practitioner("sw-db-2", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);

const ids: Record<string, string> = {};
let requests = 0;
const ask = (principal: Principal, sui: string, access: AccessContext) => discloseChildRecord(db, principal, `req-disclose-${++requests}`, sui, access);
const lastRequest = () => `req-disclose-${requests}`;
/** The IG alerts about the child holding this SUI now. */
const alertsAbout = (sui: string) => db.dataSource.getRepository(IgAlert).createQueryBuilder("alert").where("alert.child_id IN (SELECT id FROM child WHERE sui = :sui)", { sui });

async function refusalOf(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

async function onlyEntry(requestId = lastRequest()) {
  const entries = await db.auditByRequest(requestId);
  expect(entries).toHaveLength(1);
  return entries[0];
}

/** A child on a child protection plan held by the Vale's children's social care, and no other agency. */
async function onValePlan(sui: string, givenNames: string, familyName: string): Promise<string> {
  return (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: `CSC-DB-${givenNames.toUpperCase()}`, child: childOf(sui, givenNames, familyName, "2013-01-15"),
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
}

/** An exclusion from the file of the child holding this SUI, recorded by a manager at the Vale: a named person's, standing, unless `terms` say otherwise. */
async function exclusionFrom(sui: string, terms: Partial<ChildExclusion>): Promise<ChildExclusion> {
  const childId = (await db.dataSource.query<{ id: string }[]>("SELECT id FROM child WHERE sui = $1", [sui]))[0]?.id ?? "";
  return db.dataSource.getRepository(ChildExclusion).save({
    childId, sui, kind: ExclusionKind.STAFF, subjectSub: null, agencyCode: null, team: null, reason: "Related to the child's mother; agreed by the service manager.",
    recordedBySub: CALLER.cscManager.sub, recordedByAgency: "LA-E06000060", liftedAt: null, liftedBySub: null, liftReason: null, ...terms,
  });
}

beforeAll(async () => {
  db = await openDisclosureDatabase();
  const wren = childOf(WREN, "Wren", "Halloway", "2014-06-02");
  ids.wrenCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-WREN", child: wren,
    socialCare: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", allocatedWorkerName: "Ari Caseworker", allocatedWorkerContact: "ari@bucks.example", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  ids.wrenGp = (await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-WREN", child: { ...wren, givenNames: "Wrenna" },
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2014-07-01", conditions: [{ description: "Coeliac disease" }] },
  })).recordId;
  ids.wrenSchool = (await db.submit({
    agencyCode: "SCH-199001", agencyReference: "UPN-DB-WREN", child: wren,
    education: { rollStatus: "ON_ROLL", onRollFrom: "2019-09-04", attendancePercent: 94, senStatus: "NONE", dslName: "Pat Lead", dslContact: "dsl@sampleton.example" },
  })).recordId;

  // A sealed police record that reports a name of its own, and a brokered clinic record.
  const rosa = childOf(ROSA, "Rosa", "Penhallow", "2013-08-08");
  ids.rosaCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-ROSA", child: rosa,
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-05-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  ids.rosaSealed = (await db.submit({
    agencyCode: "POLICE-43", agencyReference: "TVP-DB-SEALED", child: { ...rosa, givenNames: "Rosalie", familyName: "Sealedname" }, labels: ["SEALED"],
    police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-05-02", summary: "Protected witness arrangements" },
  })).recordId;
  ids.rosaBrokered = (await db.submit({
    agencyCode: "TRUST-RX1", agencyReference: "CLINIC-DB-ROSA", child: { ...rosa, givenNames: "Rosabel" }, labels: ["BROKERED"],
    health: { conditions: [{ description: "Seen at a confidential clinic" }] },
  })).recordId;

  // A school record that must not reach the family, beside the local authority's own.
  const amber = childOf(AMBER, "Amber", "Thornycroft", "2010-09-12");
  ids.amberCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-AMBER", child: amber,
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-09-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  ids.amberSchool = (await db.submit({
    agencyCode: "SCH-199001", agencyReference: "UPN-DB-AMBER", child: amber, labels: ["WITHHOLD_FROM_FAMILY"],
    education: { rollStatus: "ON_ROLL", dslName: "Pat Lead", dslContact: "dsl@sampleton.example", safeguardingConcerns: [{ recordedOn: "2026-10-01", category: "FORCED_MARRIAGE", summary: "Told a teacher of a marriage planned abroad" }] },
  })).recordId;

  // A police record of which only the summary must not reach the family.
  const skye = childOf(SKYE, "Skye", "Ambrose", "2011-05-05");
  ids.skyeCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-SKYE", child: skye,
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-09-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  ids.skyePolice = (await db.submit({
    agencyCode: "POLICE-43", agencyReference: "TVP-DB-SKYE", child: skye, fieldLabels: [{ field: "summary", labels: ["WITHHOLD_FROM_FAMILY"] }],
    police: { incidentType: "DOMESTIC_ABUSE", childRole: "HOUSEHOLD_MEMBER", occurredOn: "2026-09-20", reportedOn: "2026-09-20", crimeReference: "43/DB/0001", summary: "Disclosed a planned marriage abroad" },
  })).recordId;

  // A child whose file one named social worker is kept out of (a standing exclusion), and another did not keep.
  const hazel = childOf(HAZEL, "Hazel", "Quennell", "2012-02-14");
  ids.hazelCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-HAZEL", child: hazel,
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-09-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  ids.hazelExclusion = (await exclusionFrom(HAZEL, { subjectSub: CALLER.socialWorker.sub })).id;
  await exclusionFrom(HAZEL, { subjectSub: READMITTED.sub, liftedAt: new Date("2026-10-01T09:00:00Z"), liftedBySub: CALLER.cscManager.sub, liftReason: "Worker moved to another team." });

  // Held only by the GP, each the child of a referral the MASH opened before it knew who the child was;
  // the MASH practitioner is kept out of Ivo's file.
  ids.poppyGp = (await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-POPPY", child: childOf(POPPY, "Poppy", "Larkspur", "2017-04-11"),
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2017-05-01" },
  })).recordId;
  await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-IVO", child: childOf(IVO, "Ivo", "Pellmore", "2016-10-30", { sex: "MALE" }),
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-11-01" },
  });
  ids.ivoExclusion = (await exclusionFrom(IVO, { subjectSub: CALLER.mash.sub, reason: "Neighbour of the family; agreed by the service manager." })).id;

  // Two children on a child protection plan, each seen at an emergency department; the status of
  // Ottilie's plan is third-party information the department's clinicians are not shown.
  await db.dataSource.getRepository(Agency).insert({ ...testAgency("ED-DB-VALE", "Vale General emergency department", "HEALTH", "E06000060"), unscheduledCareSetting: "EMERGENCY_DEPARTMENT" });
  const plan = { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", allocatedWorkerName: "Ari Caseworker", allocatedWorkerContact: "ari@bucks.example", responsibleLocalAuthority: "E06000060" } as const;
  const onPlan: [string, string, string, AgencyRecordSubmission["fieldLabels"]][] = [[MABEL, "Mabel", "Thornbury", []], [OTTILIE, "Ottilie", "Varley", [{ field: "status", labels: ["THIRD_PARTY"] }]]];
  for (const [sui, given, family, fieldLabels] of onPlan) {
    const child = childOf(sui, given, family, "2019-04-02");
    await db.submit({ agencyCode: "LA-E06000060", agencyReference: `CSC-DB-CP-${given.toUpperCase()}`, child, fieldLabels, socialCare: plan });
    await submitRecord(db.dataSource, agencySystem("ED-DB-VALE", "HEALTH"), { agencyCode: "ED-DB-VALE", agencyReference: `ED-DB-${given.toUpperCase()}`, child, health: { conditions: [{ description: "Scald to the left forearm" }] } });
  }

  // Held only by the GP: the local authority is not involved.
  const cass = childOf(CASS, "Cass", "Mardle", "2016-01-20");
  ids.cassGp = (await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-CASS", child: cass,
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-02-01" },
  })).recordId;

  // Held only by a Lincolnshire authority, with a Lincolnshire address.
  ids.lincs = (await db.submit({
    agencyCode: "LA-E10000019", agencyReference: "CSC-DB-LINCS", child: childOf(LINCS_ONLY, "Lark", "Ovenden", "2015-03-03", { address: { kind: "HOME", line1: "2 Fen Lane", postcode: "LN1 2AB", localAuthority: "E10000019" } }),
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", responsibleLocalAuthority: "E10000019" },
  })).recordId;
}, 120_000);

afterAll(async () => db.close());

describe("a disclosure", () => {
  test("shows the caller what the policy grants and audits it, before answering, with the records it drew on", async () => {
    const view = await ask(CALLER.socialWorker, WREN, accessFor("SECTION_47_ENQUIRY"));
    expect(view).not.toBeNull();
    expect(view?.sui).toBe(WREN);
    expect(view?.relationships).toEqual(["AGENCY_INVOLVED", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(view?.demographics).toMatchObject({ givenNames: "Wren", familyName: "Halloway", dateOfBirth: "2014-06-02", aliases: ["Wrenna Halloway"] });
    expect(view?.socialCare.map((record) => record.recordId)).toEqual([ids.wrenCsc]);
    expect(view?.health[0]).toMatchObject({ recordId: ids.wrenGp, conditions: [expect.objectContaining({ description: "Coeliac disease" })] });

    const entry = await onlyEntry();
    expect(view?.disclosureId).toBe(entry.id);
    expect(entry).toMatchObject({
      requestId: lastRequest(), operation: "CHILD_RECORD", principalSub: CALLER.socialWorker.sub, principalAgency: "LA-E06000060",
      purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", breakGlass: false, childSuis: [WREN], outcome: "DISCLOSED",
      refusalCode: null, refusalProblem: null, refusalRule: null, policyVersion: db.policy.version, prejudicesInvestigation: false,
    });
    expect(entry.fieldsDisclosed).toEqual(expect.arrayContaining([
      "demographics.givenNames", "demographics.aliases", `socialCare[${ids.wrenCsc}].status`, `socialCare[${ids.wrenCsc}].agencyReference`,
      `health[${ids.wrenGp}].conditions`, `education[${ids.wrenSchool}].attendancePercent`,
    ]));
    expect(entry.fieldsWithheld).toEqual([]);
    expect(entry.details).toEqual({
      relationships: ["AGENCY_INVOLVED", "RESPONSIBLE_LOCAL_AUTHORITY"],
      principalLocalAuthority: "E06000060",
      grantingRules: ["csc-statutory-safeguarding"],
      brokered: [],
      recordIds: expect.arrayContaining([ids.wrenCsc, ids.wrenGp, ids.wrenSchool]),
      consent: "NOT_RECORDED",
    });
    expect((entry.details.recordIds as string[]).length).toBe(3);
    expect(await alertsAbout(WREN).getCount()).toBe(0);
  });

  test("names what was withheld on the audit entry, and every rule that granted something, once each and in order", async () => {
    const view = await ask(CALLER.schoolDsl, WREN, accessFor("CHILD_PROTECTION_CONFERENCE"));
    expect(view?.health[0]).toMatchObject({ recordId: ids.wrenGp, conditions: null });
    expect(view?.socialCare[0]).toMatchObject({ status: "CHILD_PROTECTION_PLAN", allocatedWorkerContact: "ari@bucks.example" });
    const entry = await onlyEntry();
    expect(entry.outcome).toBe("DISCLOSED");
    expect(entry.details.grantingRules).toEqual(["own-agency-records", "school-dsl-protection-status"]);
    expect(entry.fieldsWithheld).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: `health[${ids.wrenGp}].conditions`, rule: "special-category-withheld" }),
    ]));
    expect(entry.fieldsDisclosed).toContain(`socialCare[${ids.wrenCsc}].allocatedWorkerContact`);
    expect(entry.fieldsDisclosed).not.toContain(`health[${ids.wrenGp}].conditions`);
    expect(view?.redactions.map((redaction) => redaction.path)).toEqual(expect.arrayContaining([`health[${ids.wrenGp}].conditions`]));
  });

  test("a police caller's entry is kept from subject access reports", async () => {
    await ask(CALLER.police, WREN, accessFor("STRATEGY_DISCUSSION"));
    expect((await onlyEntry()).prejudicesInvestigation).toBe(true);
  });
});

describe("sealed and brokered records", () => {
  test("a sealed record leaves no trace, not even its name for the child; a brokered one is a contact, named on the entry", async () => {
    const view = await ask(CALLER.socialWorker, ROSA, accessFor("SECTION_47_ENQUIRY"));
    const text = JSON.stringify(view);
    for (const hint of [ids.rosaSealed, "Sealedname", "Rosalie", "TVP-DB-SEALED", "confidential clinic", "Rosabel"]) expect(text).not.toContain(hint);
    expect(view?.police).toEqual([]);
    expect(view?.health).toEqual([]);
    expect(view?.restrictedInvolvement).toEqual([{ agencyType: "HEALTH", contactEmail: "safeguarding@trust-rx1.example", contactPhone: null }]);
    expect(view?.demographics.aliases).toEqual([]);

    const entry = await onlyEntry();
    expect(JSON.stringify(entry)).not.toContain(ids.rosaSealed);
    expect(entry.details.brokered).toEqual([`health[${ids.rosaBrokered}]`]);
    expect([...(entry.details.recordIds as string[])].sort()).toEqual([ids.rosaCsc, ids.rosaBrokered].sort());
  });

  test("the agency that sealed its record still reads it back, with the name it reported", async () => {
    const view = await ask(CALLER.police, ROSA, accessFor("STRATEGY_DISCUSSION"));
    expect(view?.police.map((record) => record.recordId)).toEqual([ids.rosaSealed]);
    expect(view?.demographics.aliases).toEqual(["Rosalie Sealedname"]);
    expect((await onlyEntry()).details.recordIds).toContain(ids.rosaSealed);
  });
});

describe("what must not reach the family", () => {
  test("names the family-withholding rule as the concealment's reason, whichever field of the record another rule withholds first", async () => {
    const view = await ask(CALLER.socialWorker, SKYE, accessFor("CHILD_IN_NEED_ASSESSMENT"));
    expect(JSON.stringify(view)).not.toContain("planned marriage");
    expect(view?.police ?? []).toEqual([]);
    const entry = await onlyEntry();
    expect(entry).toMatchObject({ refusalCode: "FORBIDDEN", refusalProblem: "WITHHELD_FROM_FAMILY", refusalRule: "withhold-from-family" });
  });

  test("is concealed from a conference; the entry is a disclosure that records the concealment and why", async () => {
    const view = await ask(CALLER.socialWorker, AMBER, accessFor("CHILD_PROTECTION_CONFERENCE"));
    const text = JSON.stringify(view);
    for (const hint of [ids.amberSchool, "FORCED_MARRIAGE", "withhold-from-family", "UPN-DB-AMBER"]) expect(text).not.toContain(hint);
    expect(view?.socialCare.map((record) => record.recordId)).toEqual([ids.amberCsc]);
    expect(view?.education).toEqual([]);

    const entry = await onlyEntry();
    expect(entry).toMatchObject({ outcome: "DISCLOSED", refusalCode: "FORBIDDEN", refusalProblem: "WITHHELD_FROM_FAMILY", refusalRule: "withhold-from-family", prejudicesInvestigation: true });
    expect(entry.fieldsWithheld).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: `education[${ids.amberSchool}].safeguardingConcerns`, rule: "withhold-from-family" }),
    ]));
    expect(entry.details.recordIds).not.toContain(ids.amberSchool);
  });

  test("reaches children's social care for a s.47 enquiry, with no refusal on the entry", async () => {
    const view = await ask(CALLER.socialWorker, AMBER, accessFor("SECTION_47_ENQUIRY"));
    expect(view?.education.map((record) => record.recordId)).toEqual([ids.amberSchool]);
    expect(await onlyEntry()).toMatchObject({ outcome: "DISCLOSED", refusalCode: null, refusalProblem: null, refusalRule: null });
  });
});

describe("a child the caller learns nothing about", () => {
  test("a child the hub does not hold: null, audited NOT_FOUND with no refusal", async () => {
    expect(await ask(CALLER.socialWorker, NOBODY, accessFor("SECTION_47_ENQUIRY"))).toBeNull();
    expect(await onlyEntry()).toMatchObject({
      childSuis: [NOBODY], outcome: "NOT_FOUND", refusalCode: null, refusalProblem: null, refusalRule: null,
      fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false, details: {},
    });
  });

  test("break-glass about a child the hub does not hold: the same null, audited NOT_FOUND", async () => {
    const emergency = accessFor("EMERGENCY_PROTECTION", { breakGlass: true, justification: "Child found alone at night; police and ambulance on scene, need the plan now." });
    expect(await ask(CALLER.lincolnshire, NOBODY, emergency)).toBeNull();
    expect(await onlyEntry()).toMatchObject({ childSuis: [NOBODY], outcome: "NOT_FOUND", refusalCode: null, breakGlass: true, fieldsDisclosed: [] });
    expect(await alertsAbout(NOBODY).getCount()).toBe(0);
  });

  test("a child held by an agency the caller has no relationship with: the same null, audited as a refusal with what was withheld", async () => {
    expect(await ask(CALLER.lincolnshire, CASS, accessFor("SECTION_47_ENQUIRY"))).toBeNull();
    const entry = await onlyEntry();
    expect(entry).toMatchObject({ childSuis: [CASS], outcome: "REFUSED", refusalCode: "NOT_FOUND", refusalProblem: "NOTHING_DISCLOSABLE", refusalRule: "default-deny", fieldsDisclosed: [] });
    expect(entry.fieldsWithheld.length).toBeGreaterThan(0);
    expect(entry.fieldsWithheld.every((withheld) => withheld.rule === "no-legitimate-relationship")).toBe(true);
    expect(entry.fieldsWithheld.map((withheld) => withheld.path)).toContain(`health[${ids.cassGp}].conditions`);
  });

  test("an SUI that is not an NHS number: INVALID_SUI, audited with no child", async () => {
    const error = await refusalOf(ask(CALLER.socialWorker, "1234567890", accessFor("SECTION_47_ENQUIRY")));
    expect(error.code).toBe("INVALID_SUI");
    expect(error.details).toMatchObject({ path: "sui" });
    expect(await onlyEntry()).toMatchObject({
      childSuis: [], outcome: "REFUSED", refusalCode: "INVALID_SUI", refusalProblem: "INVALID_SUI", refusalRule: "sui-check",
      fieldsDisclosed: [], fieldsWithheld: [], prejudicesInvestigation: false, operation: "CHILD_RECORD", policyVersion: db.policy.version,
    });
  });
});

describe("a caller a standing exclusion keeps out of the child's file", () => {
  test("gets the null a stranger gets, break-glass included; the entry names the exclusion and IG is alerted once per window", async () => {
    const excluded = CALLER.socialWorker;
    // A child of its own: any earlier attempt on Hazel's file would already have opened the alert's window.
    await onValePlan(HOLLY, "Holly", "Quennell");
    const exclusion = await exclusionFrom(HOLLY, { subjectSub: excluded.sub });
    expect(await ask(excluded, HOLLY, accessFor("SECTION_47_ENQUIRY"))).toBeNull();
    const entry = await onlyEntry();
    expect(entry).toMatchObject({
      childSuis: [HOLLY], outcome: "REFUSED", refusalCode: "NOT_FOUND", refusalProblem: "EXCLUDED_FROM_FILE", refusalRule: "named-staff-exclusion",
      fieldsDisclosed: [], details: { exclusionIds: [exclusion.id] },
    });
    const emergency = accessFor("EMERGENCY_PROTECTION", { breakGlass: true, justification: "Child found alone at night; police and ambulance on scene, need the plan now." });
    expect(await ask(excluded, HOLLY, emergency)).toBeNull();
    expect(await onlyEntry()).toMatchObject({ outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE", breakGlass: true, details: { exclusionIds: [exclusion.id] } });
    const alerts = await db.dataSource.getRepository(IgAlert).findBy({ childSui: HOLLY, firstDisclosureId: entry.id });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: "EXCLUDED_ACCESS", principalSub: excluded.sub, disclosureCount: 2 });
  });

  test("an access context refused for a reason that does not turn on the child: the error anyone gets, the exclusion named on the entry and counted", async () => {
    const excluded = CALLER.socialWorker;
    const attempts = async () => (await db.dataSource.getRepository(IgAlert).findBy({ childSui: HAZEL, principalSub: excluded.sub })).reduce((sum, alert) => sum + alert.disclosureCount, 0);
    const before = await attempts();
    const error = await refusalOf(ask(excluded, HAZEL, accessFor("SECTION_47_ENQUIRY", { lawfulBasis: "LAW_ENFORCEMENT" })));
    expect(error.details).toMatchObject({ problem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY" });
    expect(await onlyEntry()).toMatchObject({ outcome: "REFUSED", refusalProblem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY", details: { exclusionIds: [ids.hazelExclusion] } });
    expect(await attempts()).toBe(before + 1);
  });

  test("a refusal of someone kept out of nothing names no exclusion on its entry, not even an empty list", async () => {
    await refusalOf(ask(CALLER.cscManager, HAZEL, accessFor("SECTION_47_ENQUIRY", { lawfulBasis: "LAW_ENFORCEMENT" })));
    const entry = await onlyEntry();
    expect(entry).toMatchObject({ outcome: "REFUSED", refusalProblem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY" });
    expect(entry.details).not.toHaveProperty("exclusionIds");
  });

  test("others at the same agency, and the worker whose exclusion was lifted, read the file with no exclusion on their entries", async () => {
    for (const caller of [CALLER.cscManager, READMITTED]) {
      const view = await ask(caller, HAZEL, accessFor("SECTION_47_ENQUIRY"));
      expect(view?.socialCare.map((record) => record.recordId)).toEqual([ids.hazelCsc]);
      const entry = await onlyEntry();
      expect(entry).toMatchObject({ outcome: "DISCLOSED", refusalCode: null });
      expect(entry.details.exclusionIds).toBeUndefined();
    }
    expect(await db.dataSource.getRepository(IgAlert).countBy({ childSui: HAZEL, principalSub: CALLER.cscManager.sub })).toBe(0);
  });
});

describe("data subjects' rights over the child's records", () => {
  test("a statement goes out beside the record it is about and is named on the entry; a restriction withholds for purposes it does not allow", async () => {
    const record = ids.hazelCsc;
    const [statement] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO supplementary_statement (record_id, field, statement, agency_code, attached_by_sub, attached_by_agency, attached_at)
       VALUES ($1, NULL, 'The family disputes the start date recorded.', 'LA-E06000060', $2, 'LA-E06000060', '2026-10-02T10:00:00Z') RETURNING id`,
      [record, CALLER.cscManager.sub],
    );
    const [restriction] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO processing_restriction (record_id, field, kind, ground, reason, allowed_purposes, status, restricted_by_sub, restricted_by_agency, restricted_at)
       VALUES ($1, 'startDate', 'RESTRICTION', 'ACCURACY_CONTESTED', 'The mother contests the date; being checked.', ARRAY['SECTION_47_ENQUIRY'], 'IN_FORCE', $2, 'LA-E06000060', '2026-10-03T10:00:00Z') RETURNING id`,
      [record, CALLER.cscManager.sub],
    );
    try {
      const view = await ask(CALLER.cscManager, HAZEL, accessFor("SECTION_47_ENQUIRY"));
      expect(view?.supplementaryStatements).toEqual([{ path: `socialCare[${record}]`, statement: "The family disputes the start date recorded.", agencyCode: "LA-E06000060", attachedAt: new Date("2026-10-02T10:00:00Z") }]);
      expect(view?.restrictions).toEqual([{ path: `socialCare[${record}].startDate`, kind: "RESTRICTION", ground: "ACCURACY_CONTESTED", since: new Date("2026-10-03T10:00:00Z") }]);
      expect(view?.socialCare[0]?.startDate).toBe("2026-09-01");
      expect((await onlyEntry()).details.supplementaryStatementIds).toEqual([statement?.id]);

      const conference = await ask(CALLER.cscManager, HAZEL, accessFor("CHILD_PROTECTION_CONFERENCE"));
      expect(conference?.socialCare[0]?.startDate).toBeNull();
      expect(conference?.restrictions).toEqual([]);
      expect((await onlyEntry()).fieldsWithheld).toContainEqual(expect.objectContaining({ path: `socialCare[${record}].startDate`, rule: db.policy.dataSubjectRights.id }));
    } finally {
      await db.dataSource.query("DELETE FROM supplementary_statement WHERE id = $1", [statement?.id]);
      await db.dataSource.query("DELETE FROM processing_restriction WHERE id = $1", [restriction?.id]);
    }
  });

  test("an entry names no statements when none went out", async () => {
    await ask(CALLER.cscManager, HAZEL, accessFor("SECTION_47_ENQUIRY"));
    expect((await onlyEntry()).details).not.toHaveProperty("supplementaryStatementIds");
  });
});

describe("an access context the policy refuses", () => {
  test("for a reason that does not turn on the child: the same error whether or not the child is held, audited", async () => {
    for (const sui of [WREN, NOBODY]) {
      const error = await refusalOf(ask(CALLER.socialWorker, sui, accessFor("SECTION_47_ENQUIRY", { lawfulBasis: "LAW_ENFORCEMENT" })));
      expect(error.code).toBe("ACCESS_CONTEXT_INVALID");
      expect(error.details).toEqual({ path: "access", problem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY", rule: expect.any(String) });
      const entry = await onlyEntry();
      expect(entry).toMatchObject({
        childSuis: [sui], outcome: "REFUSED", refusalCode: "ACCESS_CONTEXT_INVALID", refusalProblem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY",
        refusalRule: (error.details as { rule: string }).rule, fieldsDisclosed: [], fieldsWithheld: [],
      });
    }
  });

  const earlyHelp = accessFor("EARLY_HELP", { lawfulBasis: "CONSENT", specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });

  test("for want of consent: told to a caller whose agency is involved with the child", async () => {
    const error = await refusalOf(ask(CALLER.socialWorker, WREN, earlyHelp));
    expect(error.code).toBe("ACCESS_CONTEXT_INVALID");
    expect(error.details).toMatchObject({ path: "access", problem: "CONSENT_NOT_GIVEN" });
    expect(await onlyEntry()).toMatchObject({ outcome: "REFUSED", refusalProblem: "CONSENT_NOT_GIVEN", childSuis: [WREN] });
  });

  test("for want of consent: a caller with no derived relationship gets the answer a missing child gets, and the refusal is audited", async () => {
    expect(await ask(CALLER.lincolnshire, WREN, earlyHelp)).toBeNull();
    expect(await onlyEntry()).toMatchObject({ outcome: "REFUSED", refusalCode: "ACCESS_CONTEXT_INVALID", refusalProblem: "CONSENT_NOT_GIVEN", childSuis: [WREN] });
    expect(await ask(CALLER.socialWorker, NOBODY, earlyHelp)).toBeNull();
  });
});

describe("consent on record", () => {
  test("a competent young person's consent lets a consent-based purpose through, and the entry says what governed", async () => {
    const earlyHelp = accessFor("EARLY_HELP", { lawfulBasis: "CONSENT", specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    await recordConsent(db.dataSource, db.policy, CALLER.socialWorker, "req-consent-amber", AMBER, { givenBy: "CHILD", decision: "GIVEN", purposes: ["EARLY_HELP"] });
    const view = await ask(CALLER.socialWorker, AMBER, earlyHelp);
    expect(view?.socialCare.map((record) => record.recordId)).toEqual([ids.amberCsc]);
    expect((await onlyEntry()).details.consent).toBe("GIVEN");
  });
});

describe("what the relationships rest on", () => {
  test("break-glass: a disclosure flagged on the entry, and an IG alert naming it", async () => {
    await onValePlan(LINNEA, "Linnea", "Marrack");
    const justification = "Child found alone at night; police and ambulance on scene, need the plan now.";
    const view = await ask(CALLER.lincolnshire, LINNEA, accessFor("EMERGENCY_PROTECTION", { breakGlass: true, justification }));
    expect(view?.relationships).toEqual(["BREAK_GLASS"]);
    const entry = await onlyEntry();
    expect(entry).toMatchObject({ outcome: "DISCLOSED", breakGlass: true });
    const alerts = await alertsAbout(LINNEA).getMany();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ firstDisclosureId: view?.disclosureId, principalSub: CALLER.lincolnshire.sub, justification, disclosureCount: 1 });
  });

  test("a MASH case reference counts when it names an open referral about the child, which the entry names", async () => {
    const mash = CALLER.mash;
    const withoutReferral = accessFor("REFERRAL_TRIAGE", { caseReference: "MASH-DB-0001" });
    expect(await ask(mash, CASS, withoutReferral)).toBeNull();

    const receipt = await openReferral(db.dataSource, mash, "req-referral-1", db.policy, { sui: CASS, reference: "MASH-DB-0001", stage: "REFERRAL", referralSource: "HEALTH", reason: "GP reports bruising seen at an appointment today." });
    const view = await ask(mash, CASS, withoutReferral);
    expect(view?.relationships).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    const entry = await onlyEntry();
    expect(entry.caseReference).toBe("MASH-DB-0001");
    expect(entry.details.openReferral).toEqual({
      source: { kind: "HUB", referralId: receipt.referralId }, reference: "MASH-DB-0001", localAuthority: "E06000060", stage: "REFERRAL",
      receivedAt: receipt.receivedAt.toISOString(), researchUntil: receipt.researchUntil.toISOString(),
    });
    expect(entry.details.principalLocalAuthority).toBe("E06000060");
  });

  test("a referral opened before the child was identified, whose search showed the child, is bound on opening the child and names it from then on", async () => {
    const mash = CALLER.mash;
    const receipt = await openReferral(db.dataSource, mash, "req-referral-2", db.policy, { reference: "MASH-DB-0002", stage: "REFERRAL", referralSource: "SCHOOL", reason: "School reports a child arriving hungry and unkempt, name not yet known." });
    await recordSearchedChildren(db.dataSource, receipt.referralId, [POPPY]);
    const triage = accessFor("REFERRAL_TRIAGE", { caseReference: "MASH-DB-0002" });

    const view = await ask(mash, POPPY, triage);
    expect(view?.relationships).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(view?.health.map((record) => record.recordId)).toEqual([ids.poppyGp]);
    const [bound, read, ...others] = await db.auditByRequest(lastRequest());
    expect(others).toEqual([]);
    expect(bound).toMatchObject({ operation: "REFERRAL_BOUND", childSuis: [POPPY], caseReference: "MASH-DB-0002", details: { referralId: receipt.referralId, reference: "MASH-DB-0002" } });
    expect(read).toMatchObject({ operation: "CHILD_RECORD", outcome: "DISCLOSED", childSuis: [POPPY], details: { openReferral: { source: { kind: "HUB", referralId: receipt.referralId } } } });
    expect((await db.dataSource.getRepository(Referral).findOneByOrFail({ id: receipt.referralId })).sui).toBe(POPPY);

    // The referral is the child's now: the next read binds nothing, and looks nothing up to find that
    // out: it costs the statements of the GP's read of its own record, under no reference.
    const again = await statementsFor(() => ask(mash, POPPY, triage));
    expect((await onlyEntry()).details.openReferral).toMatchObject({ source: { kind: "HUB", referralId: receipt.referralId } });
    expect(await statementsFor(() => ask(CALLER.gp, POPPY, accessFor("REFERRAL_TRIAGE")))).toBe(again);
    expect((await onlyEntry()).outcome).toBe("DISCLOSED");
  });

  test("a caller kept out of the child binds no referral to it, and is answered as a stranger", async () => {
    const receipt = await openReferral(db.dataSource, CALLER.mash, "req-referral-3", db.policy, { reference: "MASH-DB-0003", stage: "REFERRAL", referralSource: "POLICE", reason: "Police report a child left alone overnight, name not yet known." });
    await recordSearchedChildren(db.dataSource, receipt.referralId, [IVO]);
    expect(await ask(CALLER.mash, IVO, accessFor("REFERRAL_TRIAGE", { caseReference: "MASH-DB-0003" }))).toBeNull();
    expect(await onlyEntry()).toMatchObject({ operation: "CHILD_RECORD", outcome: "REFUSED", refusalProblem: "EXCLUDED_FROM_FILE", details: { exclusionIds: [ids.ivoExclusion] } });
    expect((await db.dataSource.getRepository(Referral).findOneByOrFail({ id: receipt.referralId })).sui).toBeNull();
  });

  test("a case reference about a child the hub does not hold: null, audited NOT_FOUND", async () => {
    expect(await ask(CALLER.mash, NOBODY, accessFor("REFERRAL_TRIAGE", { caseReference: "MASH-DB-0404" }))).toBeNull();
    expect(await onlyEntry()).toMatchObject({ childSuis: [NOBODY], outcome: "NOT_FOUND", caseReference: "MASH-DB-0404" });
  });

  test("a consent override in force is named on the entries of the disclosures it allows", async () => {
    await onValePlan(TANSY, "Tansy", "Polglase");
    const override = await recordConsentOverride(db.dataSource, CALLER.cscManager, "req-override-1", db.policy, TANSY, "Risk of significant harm outweighs the refusal; agreed at strategy meeting.", null);
    await ask(CALLER.socialWorker, TANSY, accessFor("SECTION_47_ENQUIRY"));
    expect((await onlyEntry()).details.consentOverrideId).toBe(override.overrideId);
  });

  test("another authority's social worker is not responsible for a child living elsewhere", async () => {
    const other = practitioner("sw-db-lincs-2", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
    const view = await ask(other, LINCS_ONLY, accessFor("SECTION_47_ENQUIRY"));
    expect(view?.relationships).toEqual(["AGENCY_INVOLVED", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(await ask(CALLER.socialWorker, LINCS_ONLY, accessFor("SECTION_47_ENQUIRY"))).toBeNull();
  });
});

describe("CP-IS: a plan's status shown at an unscheduled-care setting", () => {
  const planAccessTo = async (sui: string) => (await db.dataSource.getRepository(NotificationDelivery).find())
    .filter((delivery) => (delivery.content as { child?: { sui?: string }; planAccess?: unknown }).child?.sui === sui && delivery.content.planAccess !== undefined);

  test("tells the authority holding the plan that it was viewed, and where", async () => {
    const view = await ask(ED_CLINICIAN, MABEL, accessFor("REFERRAL_TRIAGE"));
    expect(view?.socialCare[0]?.status).toBe("CHILD_PROTECTION_PLAN");
    const deliveries = await planAccessTo(MABEL);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ recipientAgency: "LA-E06000060", content: { planAccess: { siteCode: "ED-DB-VALE", setting: "EMERGENCY_DEPARTMENT", planReference: "CSC-DB-CP-MABEL" } } });
  });

  test("a clinician there shown the plan's record but not its status tells no one", async () => {
    const view = await ask(ED_CLINICIAN, OTTILIE, accessFor("REFERRAL_TRIAGE"));
    expect(view?.socialCare[0]).toMatchObject({ status: null, allocatedWorkerContact: "ari@bucks.example" });
    expect(await planAccessTo(OTTILIE)).toEqual([]);
  });
});
