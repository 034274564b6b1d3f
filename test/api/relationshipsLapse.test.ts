import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";

/**
 * Relationships lapse (design §6, policies/relationships.yaml): a school the child left, a GP practice
 * the child left, a closed case stop counting as involvement after their windows, and such a caller
 * then hears what a stranger hears. Fresh children of this file's own, dated relative to today.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(820_000);
const next = () => sui.next().value as string;
const DAY = 86_400_000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY).toISOString().slice(0, 10);

beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

async function submit(agencyType: string, record: Record<string, unknown>, la = "E06000060") {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, la)))).body;
  expect(body.errors).toBeUndefined();
}

async function ask(caller: TestClaims, childSui: string, context: Record<string, unknown>) {
  return (await hub.graphql(CHILD_QUERY, { sui: childSui, access: context }, await hub.token(caller))).body as { data?: { child: Record<string, any> | null }; errors?: { extensions: Record<string, unknown> }[] };
}

const childOf = (childSui: string, givenNames: string, localAuthority = "E06000060") => ({
  sui: childSui, givenNames, familyName: "Lapsewood", dateOfBirth: "2014-06-06", sex: "MALE",
  address: { kind: "HOME", line1: `${childSui.slice(-3)} Church Street`, postcode: "HP20 5NP", localAuthority },
});
const plan = { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", startDate: "2026-01-05", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: "E06000060" };

describe("a school", () => {
  it("on whose roll the child is reads the protection plan", async () => {
    const childSui = next();
    const child = childOf(childSui, "Aled");
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: `UPN-${childSui}`, child, education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01" } });
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: `CSC-${childSui}`, child, socialCare: plan });
    const body = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(body.data!.child!.safeguardingStatuses).toEqual(["CHILD_PROTECTION_PLAN"]);
  });

  it("the child left two months ago reads nothing, and hears what a stranger hears", async () => {
    const childSui = next();
    const child = childOf(childSui, "Bryn");
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: `UPN-${childSui}`, child, education: { rollStatus: "LEFT", onRollFrom: "2021-09-01", leftOn: daysAgo(60) } });
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: `CSC-${childSui}`, child, socialCare: plan });
    const body = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(body.errors).toBeUndefined();
    expect(body.data!.child).toBeNull();
    // Early help rests on consent, and none is recorded: a connected caller would be told so; a lapsed one is not.
    const earlyHelp = await ask(CALLERS.schoolDsl, childSui, { ...access("EARLY_HELP", "CONSENT"), specialCategoryCondition: "HEALTH_OR_SOCIAL_CARE" });
    expect(earlyHelp.errors).toBeUndefined();
    expect(earlyHelp.data!.child).toBeNull();
    expect(JSON.stringify(earlyHelp)).not.toContain("CONSENT");
  });

  it("the child left last week still reads it, to hand over", async () => {
    const childSui = next();
    const child = childOf(childSui, "Cai");
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: `UPN-${childSui}`, child, education: { rollStatus: "LEFT_NON_STANDARD", onRollFrom: "2021-09-01", leftOn: daysAgo(7) } });
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: `CSC-${childSui}`, child, socialCare: plan });
    expect((await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"))).data!.child).not.toBeNull();
  });
});

describe("a GP practice", () => {
  it("the child left reads nothing", async () => {
    const childSui = next();
    const child = childOf(childSui, "Dewi");
    await submit("HEALTH", { agencyCode: "GP-K99001", agencyReference: `GP-${childSui}`, child, health: { gpPracticeCode: "K99001", registeredOn: "2015-01-01", deregisteredOn: daysAgo(200) } });
    await submit("CHILDRENS_SOCIAL_CARE", { agencyCode: "LA-E06000060", agencyReference: `CSC-${childSui}`, child, socialCare: plan });
    expect((await ask(CALLERS.gp, childSui, access("STRATEGY_DISCUSSION"))).data!.child).toBeNull();
  });
});

describe("another council's closed case", () => {
  const closedCase = async (closedDaysAgo: number) => {
    const childSui = next();
    const child = childOf(childSui, "Emrys");
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: `UPN-${childSui}`, child, education: { rollStatus: "ON_ROLL" } });
    await submit("CHILDRENS_SOCIAL_CARE", {
      agencyCode: "LA-E10000019", agencyReference: `LINCS-${childSui}`, child,
      socialCare: { ...plan, status: "CLOSED", startDate: "2024-01-01", endDate: daysAgo(closedDaysAgo), responsibleLocalAuthority: "E10000019" },
    }, "E10000019");
    return childSui;
  };

  it("keeps that council involved for a while after closure", async () => {
    expect((await ask(CALLERS.lincolnshireSocialWorker, await closedCase(30), access("SECTION_47_ENQUIRY"))).data!.child).not.toBeNull();
  });

  it("no longer makes it involved, or responsible, once the window has passed", async () => {
    expect((await ask(CALLERS.lincolnshireSocialWorker, await closedCase(120), access("SECTION_47_ENQUIRY"))).data!.child).toBeNull();
  });
});

describe("an address only a lapsed record reports", () => {
  it("no longer says where the child lives, for deciding which council is responsible", async () => {
    const childSui = next();
    const child = childOf(childSui, "Gethin");
    // The only record with a Buckinghamshire home is a school's the child left long ago; Lincolnshire holds a plan.
    await submit("EDUCATION", { agencyCode: "SCH-199001", agencyReference: `UPN-${childSui}`, child, education: { rollStatus: "LEFT", onRollFrom: "2019-09-01", leftOn: daysAgo(400) } });
    await submit("CHILDRENS_SOCIAL_CARE", {
      agencyCode: "LA-E10000019", agencyReference: `LINCS-${childSui}`, child: { ...child, address: undefined },
      socialCare: { ...plan, responsibleLocalAuthority: "E10000019" },
    }, "E10000019");
    expect((await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"))).data!.child).toBeNull();
  });
});
