import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

/**
 * PPRC notifications through the GraphQL contract (HUB.md §5, §9): a prison's OMU notifies a release;
 * each recipient reads its own view in its inbox and acknowledges it. A prisoner and child of this
 * file's own, on the test directory (test/support/fixtures.ts).
 */
let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const claims = (sub: string, agency: string, agencyType: string, roles: string[], la = "E06000060"): TestClaims => ({ sub, name: `Officer ${sub}`, agency, agency_type: agencyType, roles, la });
const OMU = claims("omu-exampleton-1", "HMP-EXAMPLETON", "PRISON", ["PRISON_OMU"], "E10000019");
/** The prison's own system: it reports children the prison does not yet hold (an officer names only those it holds). */
const PRISON_SYSTEM = claims("system-exampleton", "HMP-EXAMPLETON", "PRISON", ["AGENCY_SYSTEM"], "E10000019");
const BUCKS_SOCIAL_WORKER = claims("sw-bucks-api", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
const POLICE_OFFICER = claims("pc-tvp-api", "POLICE-43", "POLICE", ["POLICE_OFFICER"]);

const SUBMIT_PPRC = /* GraphQL */ `
  mutation ($n: PprcNotificationInput!) {
    submitPprcNotification(notification: $n) { notificationId outcome recipients { agencyCode agencyType rules } unrouted { rule outcome } }
  }
`;
const INBOX = /* GraphQL */ `
  query ($status: NotificationStatus) {
    notifications(status: $status, first: 10) {
      nodes { id type status responseRequested acknowledgeBy routingRules purpose lawfulBasis disclosureId
        pprc { event releaseDate pprcStatus mappaCategory prisonerGivenNames releaseAddress { postcode localAuthority } }
        childrenAtRisk { sui givenNames homeLocalAuthority }
        redactions { path rule } }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
const ACKNOWLEDGE = /* GraphQL */ `mutation ($id: ID!) { acknowledgeNotification(id: $id) { id status acknowledgedBy } }`;

const release = (reference: string, prisonNumber = "C4821KD") => ({
  agencyCode: "HMP-EXAMPLETON", reference, event: "RELEASE", eventDate: "2026-11-16", establishment: "HMP Exampleton", pprcStatus: "CONFIRMED",
  mappa: { category: 2, level: 1 },
  prisoner: { prisonNumber, givenNames: "Tobias", familyName: "Wrenfield", dateOfBirth: "1979-09-30", sex: "MALE", homeLocalAuthority: "E06000060" },
  release: { date: "2026-11-21", address: { kind: "HOME", line1: "9 Quarry Rise", town: "Sampleton", postcode: "HP20 9QR", localAuthority: "E06000060" } },
  childrenAtRisk: [{ reference: `${reference}-C1`, sui: "9990071012", givenNames: "Isla", familyName: "Marrow", dateOfBirth: "2016-01-19", sex: "FEMALE",
    address: { kind: "HOME", line1: "3 Lantern Way", town: "Fenby", postcode: "PE20 3LW", localAuthority: "E10000019" }, relationshipToPrisoner: "STEP_PARENT" }],
});

test("a prison notifies a release; both CSCs, probation and the police are told, and each reads only its own view", async () => {
  const submitted = (await hub.graphql(SUBMIT_PPRC, { n: release("EX-API-REL-1") }, await hub.token(PRISON_SYSTEM))).body;
  expect(submitted.errors).toBeUndefined();
  expect(submitted.data.submitPprcNotification).toMatchObject({
    outcome: "CREATED",
    recipients: [
      { agencyCode: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-prisoner-home-area"] },
      { agencyCode: "LA-E10000019", agencyType: "CHILDRENS_SOCIAL_CARE", rules: ["pprc-csc-child-home-area"] },
      { agencyCode: "PDU-BUCKS", agencyType: "PROBATION", rules: ["pprc-probation-status"] },
      { agencyCode: "POLICE-43", agencyType: "POLICE", rules: ["pprc-police-release-area"] },
    ],
    unrouted: [],
  });

  const csc = (await hub.graphql(INBOX, { status: "UNACKNOWLEDGED" }, await hub.token(BUCKS_SOCIAL_WORKER))).body;
  expect(csc.errors).toBeUndefined();
  const [cscNode] = csc.data.notifications.nodes;
  expect(cscNode).toMatchObject({
    type: "PPRC", status: "UNACKNOWLEDGED", responseRequested: false, routingRules: ["pprc-csc-prisoner-home-area"], purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK",
    pprc: { event: "RELEASE", releaseDate: "2026-11-21", pprcStatus: "CONFIRMED", mappaCategory: null, prisonerGivenNames: "Tobias", releaseAddress: { postcode: "HP20 9QR", localAuthority: "E06000060" } },
    childrenAtRisk: [{ sui: "9990071012", givenNames: "Isla", homeLocalAuthority: "E10000019" }],
    redactions: [{ path: "pprc.mappaCategory", rule: "law-enforcement-withheld" }, { path: "pprc.mappaLevel", rule: "law-enforcement-withheld" }],
  });

  const police = (await hub.graphql(INBOX, {}, await hub.token(POLICE_OFFICER))).body;
  const [policeNode] = police.data.notifications.nodes;
  expect(policeNode).toMatchObject({ pprc: { mappaCategory: 2, releaseAddress: { postcode: "HP20 9QR" } }, childrenAtRisk: [], lawfulBasis: "LAW_ENFORCEMENT" });
  expect(policeNode.redactions).toContainEqual({ path: "childrenAtRisk", rule: "default-deny" });

  const acknowledged = (await hub.graphql(ACKNOWLEDGE, { id: cscNode.id }, await hub.token(BUCKS_SOCIAL_WORKER))).body;
  expect(acknowledged.data.acknowledgeNotification).toEqual({ id: cscNode.id, status: "ACKNOWLEDGED", acknowledgedBy: "sw-bucks-api" });
  const stranger = (await hub.graphql(ACKNOWLEDGE, { id: policeNode.id }, await hub.token(BUCKS_SOCIAL_WORKER))).body;
  expect(stranger.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
});

test("only a prison's OMU or system notifies: a social worker is FORBIDDEN", async () => {
  const body = (await hub.graphql(SUBMIT_PPRC, { n: release("EX-API-REL-2") }, await hub.token(BUCKS_SOCIAL_WORKER))).body;
  expect(body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
});

test("an officer naming a child the prison's records do not hold is FORBIDDEN: a person never makes the prison involved with a child", async () => {
  const body = (await hub.graphql(SUBMIT_PPRC, { n: release("EX-API-REL-5") }, await hub.token(OMU))).body;
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", path: "notification.childrenAtRisk[0]", problem: "CHILD_NOT_HELD_BY_PRISON" });
});

test("a malformed prison number is refused at the edge: INVALID_INPUT", async () => {
  const body = (await hub.graphql(SUBMIT_PPRC, { n: release("EX-API-REL-3", "12345") }, await hub.token(OMU))).body;
  expect(body.errors?.[0]?.extensions?.code).toBe("INVALID_INPUT");
});

test("a release without its area is refused with its stable problem", async () => {
  const notification = release("EX-API-REL-4");
  const body = (await hub.graphql(SUBMIT_PPRC, { n: { ...notification, release: { ...notification.release, address: { kind: "HOME", line1: "9 Quarry Rise" } } } }, await hub.token(OMU))).body;
  expect(body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "notification.release.address.localAuthority", problem: "RELEASE_AREA_REQUIRED" });
});
