import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { submitRecord } from "../../records/submitRecord";
import { type AccessContext } from "../../policy/AccessContext";
import { type NotificationServices } from "../NotificationServices";
import { listPlansHeldElsewhere } from "../plans/plansHeldElsewhere";
import { openNotificationDatabase, person, POLICY, type NotificationDatabase } from "./notificationDatabase";

const NOW = new Date("2026-11-16T10:00:00Z");
const FENSHIRE_SYSTEM = person("system-la-fen-wa", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["AGENCY_SYSTEM"], "E10000019");
const VALE_SOCIAL_WORKER = person("sw-vale-wa", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const CONFERENCE: AccessContext = { purpose: "CHILD_PROTECTION_CONFERENCE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN", justification: "Preparing the initial conference for a family new to the area", caseReference: null, breakGlass: false };
const TRIAGE: AccessContext = { ...CONFERENCE, purpose: "REFERRAL_TRIAGE", justification: "Weekly check of children on other authorities' plans in the area" };

type Plan = NonNullable<AgencyRecordSubmission["socialCare"]>;
const LAC: Plan = { status: "LOOKED_AFTER", legalStatus: "SECTION_31_CARE_ORDER", startDate: "2026-05-01", responsibleLocalAuthority: "E10000019", allocatedWorkerName: "Fenshire children in care team", allocatedWorkerContact: "cic@fenshire.example" };
const placed = { sui: "9990745013", givenNames: "Marigold", familyName: "Thistlewood", dateOfBirth: "2013-08-08", sex: "FEMALE" as const,
  address: { kind: "HOME" as const, line1: "Placement address", postcode: "HP21 9PL", localAuthority: "E06000060", labels: ["LOCATION_WITHHELD" as const] } };

/**
 * Being on the list says the child lives in the caller's area: it is derived from the holding
 * authority's record of where the child lives. A protected address (LOCATION_WITHHELD) places the child
 * in no area (design principle 8: it would tell the council of the area that the child is there), so
 * the child is not listed, for any purpose — the list reads on past them, and no entry names them.
 */
describe("a child placed at a protected address is listed nowhere", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    await submitRecord(db.dataSource, FENSHIRE_SYSTEM, { agencyCode: FENSHIRE_SYSTEM.agency, agencyReference: "FEN-LAC-WA-1", child: placed, socialCare: LAC }, NOW);
  });
  afterAll(async () => db.close());

  test("for triage, where a protected location may otherwise be seen, the child is not listed and no entry names them", async () => {
    const page = await listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-wa-triage", TRIAGE, 10, null, NOW);
    expect(page.plans).toEqual([]);
    expect((await db.auditByRequest("req-wa-triage")).flatMap((entry) => entry.childSuis)).toEqual([]);
  });

  test("for a conference, where the area is withheld, the child is not listed and no entry names them", async () => {
    const page = await listPlansHeldElsewhere(services, VALE_SOCIAL_WORKER, "req-wa-conference", CONFERENCE, 10, null, NOW);
    expect(page.plans).toEqual([]);
    expect(page.hasNextPage).toBe(false);
    expect((await db.auditByRequest("req-wa-conference")).flatMap((entry) => entry.childSuis)).toEqual([]);
  });
});
