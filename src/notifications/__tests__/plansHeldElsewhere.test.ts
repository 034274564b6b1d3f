import { ErrorCode } from "../../errors/HubError";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { submitRecord } from "../../records/submitRecord";
import { type AccessContext } from "../../policy/AccessContext";
import { type DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { type NotificationServices } from "../NotificationServices";
import { listPlansHeldElsewhere } from "../plans/plansHeldElsewhere";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const VALE_SYSTEM = person("system-la-vale", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"]);
const FENSHIRE_SYSTEM = person("system-la-fen", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
const VALE_SOCIAL_WORKER = person("sw-vale-plans", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const FENSHIRE_SOCIAL_WORKER = person("sw-fen-plans", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
const ACCESS: AccessContext = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Weekly check of children on other authorities' plans in the area", caseReference: null, breakGlass: false };

type Plan = NonNullable<AgencyRecordSubmission["socialCare"]>;
const CPP: Plan = { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019", allocatedWorkerName: "Fenshire safeguarding team", allocatedWorkerContact: "cp@fenshire.example", summary: "Mother's partner named in the plan" };
const home = (localAuthority: string, labels: AgencyRecordSubmission["labels"] = []) => ({ kind: "HOME" as const, line1: "1 Reed Lane", postcode: localAuthority === "E06000060" ? "HP21 1RL" : "PE21 1RL", localAuthority, labels });
const child = (sui: string, givenNames: string, address: ReturnType<typeof home>) => ({ sui, givenNames, familyName: "Elsewhere", dateOfBirth: "2016-03-03", sex: "FEMALE" as const, address });

describe("children's social care reads the children on other authorities' plans living in its area", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    const submit = async (system: typeof VALE_SYSTEM, reference: string, record: Omit<AgencyRecordSubmission, "agencyCode" | "agencyReference">) => {
      const receipt = await submitRecord(db.dataSource, system, { agencyCode: system.agency, agencyReference: reference, ...record }, NOW);
      ids.set(reference, receipt.recordId);
    };
    await submit(FENSHIRE_SYSTEM, "FEN-CP-IN-VALE", { child: child("9990740062", "Ada", home("E06000060")), socialCare: CPP });
    await submit(FENSHIRE_SYSTEM, "FEN-LAC-PLACED-IN-VALE", { child: child("9990740070", "Bea", home("E06000060", ["LOCATION_WITHHELD"])), socialCare: { ...CPP, status: "LOOKED_AFTER", planCategory: null, legalStatus: "SECTION_31_CARE_ORDER", summary: null } });
    await submit(FENSHIRE_SYSTEM, "FEN-LAC-IN-VALE", { child: child("9990740178", "Ivy", { ...home("E06000060"), line1: "3 Reed Lane" }), socialCare: { ...CPP, status: "LOOKED_AFTER", planCategory: null, legalStatus: "SECTION_31_CARE_ORDER", summary: null } });
    await submit(VALE_SYSTEM, "VALE-CP-OWN", { child: child("9990740089", "Cai", home("E06000060")), socialCare: { ...CPP, responsibleLocalAuthority: "E06000060" } });
    await submit(FENSHIRE_SYSTEM, "FEN-CP-AT-HOME", { child: child("9990740097", "Dee", home("E10000019")), socialCare: CPP });
    await submit(FENSHIRE_SYSTEM, "FEN-CP-ENDED", { child: child("9990740100", "Eve", home("E06000060")), socialCare: { ...CPP, endDate: "2026-10-01" } });
    await submit(FENSHIRE_SYSTEM, "FEN-CP-SEALED", { child: child("9990740119", "Fay", home("E06000060")), labels: ["SEALED"], socialCare: CPP });
    await submit(FENSHIRE_SYSTEM, "FEN-CIN-IN-VALE", { child: child("9990740127", "Gus", home("E06000060")), socialCare: { ...CPP, status: "CHILD_IN_NEED", planCategory: null } });
    await submit(VALE_SYSTEM, "VALE-CP-IN-FENSHIRE", { child: child("9990740135", "Hal", home("E10000019")), socialCare: { ...CPP, responsibleLocalAuthority: "E06000060" } });
  });
  afterAll(async () => db.close());

  test("Vale sees Fenshire's plans for children living in the Vale — not its own, not ended, sealed or other statuses, nor children living elsewhere or at a protected placement", async () => {
    const page = await listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-plans-vale", ACCESS, 50, null, NOW);
    expect(page.plans.map((plan) => plan.sui).sort()).toEqual(["9990740062", "9990740178"]);
    const plan = page.plans.find((entry) => entry.sui === "9990740062");
    expect(plan).toMatchObject({
      holdingAgency: "LA-E10000019",
      child: { givenNames: "Ada", familyName: "Elsewhere", dateOfBirth: "2016-03-03", localAuthority: "E06000060" },
      plan: { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-06-01", responsibleLocalAuthority: "E10000019", allocatedWorkerContact: "cp@fenshire.example" },
    });
    // The plan's summary names third parties: withheld for triage, with the rule.
    expect(plan?.plan).not.toHaveProperty("summary");
    expect(plan?.redactions).toContainEqual({ path: `socialCare[${ids.get("FEN-CP-IN-VALE")}].summary`, rule: "third-party-withheld", reason: expect.any(String) });
    expect(page.plans.find((entry) => entry.sui === "9990740178")?.child.localAuthority).toBe("E06000060");
  });

  test("each child shown is audited on its own entry, in the paths a read of its file uses", async () => {
    const entries = await db.auditByRequest("req-plans-vale");
    expect(entries.map((entry) => entry.childSuis).flat().sort()).toEqual(["9990740062", "9990740178"]);
    const ada = entries.find((entry) => entry.childSuis.includes("9990740062")) as DisclosureAuditEntry;
    expect(ada).toMatchObject({ operation: "PLANS_HELD_ELSEWHERE_READ", outcome: "DISCLOSED", principalAgency: "LA-E06000060", purpose: "REFERRAL_TRIAGE" });
    expect(ada.fieldsDisclosed).toEqual(expect.arrayContaining([`socialCare[${ids.get("FEN-CP-IN-VALE")}].status`, "demographics.givenNames"]));
    expect(ada.details).toMatchObject({ recordIds: [ids.get("FEN-CP-IN-VALE")], holdingAgency: "LA-E10000019", areas: ["E06000060"] });
  });

  test("Fenshire sees only the Vale's child living in Fenshire", async () => {
    const page = await listPlansHeldElsewhere(services, FENSHIRE_SOCIAL_WORKER, "req-plans-fen", ACCESS, 50, null, NOW);
    expect(page.plans.map((plan) => [plan.sui, plan.holdingAgency])).toEqual([["9990740135", "LA-E06000060"]]);
  });

  test("a page at a time, in record order; the sealed plan leaves no trace in the paging", async () => {
    const first = await listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-plans-page-1", ACCESS, 1, null, NOW);
    expect([first.plans.length, first.hasNextPage]).toEqual([1, true]);
    const second = await listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-plans-page-2", ACCESS, 1, first.end, NOW);
    expect([second.plans.length, second.hasNextPage]).toEqual([1, false]);
    expect(second.plans[0].sui).not.toBe(first.plans[0].sui);
  });

  test.each([
    ["a police officer", person("pc-vale-plans", "POLICE-91", "POLICE", ["POLICE_OFFICER"]), ErrorCode.FORBIDDEN],
    ["a school claiming to be children's social care", person("dsl-claimed", "SCH-700001", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]), ErrorCode.FORBIDDEN],
    ["the council's IG lead, whose role may not state triage", person("ig-vale-plans", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]), ErrorCode.ACCESS_CONTEXT_INVALID],
  ])("%s is refused, and the refusal audited", async (_who, principal, code) => {
    await expect(listPlansHeldElsewhere(services, principal, `req-plans-refused-${principal.sub}`, ACCESS, 50, null, NOW)).rejects.toMatchObject({ code });
    const [entry] = await db.auditByRequest(`req-plans-refused-${principal.sub}`);
    expect(entry).toMatchObject({ operation: "PLANS_HELD_ELSEWHERE_READ", outcome: "REFUSED", childSuis: [] });
  });

  test("a purpose resting on consent is refused: the list is read to safeguard", async () => {
    const earlyHelp: AccessContext = { ...ACCESS, purpose: "EARLY_HELP", lawfulBasis: "CONSENT", specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" };
    await expect(listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-plans-consent", earlyHelp, 50, null, NOW)).rejects.toMatchObject({ code: ErrorCode.ACCESS_CONTEXT_INVALID, details: { problem: "PURPOSE_NOT_PERMITTED" } });
  });
});
