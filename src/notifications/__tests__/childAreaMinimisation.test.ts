import { NotificationDelivery } from "../NotificationDelivery";
import { submitPprcNotification, type NotificationServices } from "../submitPprcNotification";
import { openNotificationDatabase, POLICY, PRISON_SYSTEM, releaseOf, type NotificationDatabase } from "./notificationDatabase";

const DELIVERED = new Date("2026-11-16T10:00:00Z");
const CHILD = releaseOf("x").childrenAtRisk![0];
// This file's own prisoner (home area not known) and two children in two authorities.
const FEN_CHILD = { ...CHILD, reference: "NF-MIN-C1", sui: null, givenNames: "Aldous", familyName: "Brinkworth", dateOfBirth: "2015-05-05" };
const VALE_CHILD = {
  ...CHILD, reference: "NF-MIN-C2", sui: null, givenNames: "Perpetua", familyName: "Brinkworth", dateOfBirth: "2019-09-19",
  address: { kind: "HOME" as const, line1: "6 Osier Walk", town: "Valeford", postcode: "HP21 6OW", localAuthority: "E06000060" },
};
const notification = releaseOf("NF-MIN-1", {
  prisoner: { ...releaseOf("x").prisoner, prisonNumber: "A6610MN", givenNames: "Crispin", familyName: "Brinkworth", homeLocalAuthority: null },
  release: { date: "2026-11-20", address: { kind: "HOME", line1: "Approved Premises, 1 Dyke Road", town: "Fenby", postcode: "PE21 9AP", localAuthority: "E10000019" } },
  childrenAtRisk: [FEN_CHILD, VALE_CHILD],
});

/**
 * Children's social care of a child's home area is told of that child (CHILD_HOME): not of the
 * prisoner's other children living elsewhere, whom their own authority is told of (data minimisation,
 * UK GDPR Art 5(1)(c)). Nor does its view count them: the list it reads has no gap where they were.
 */
describe("a child's home authority is told of the children in its own area only", () => {
  let db: NotificationDatabase;
  let services: NotificationServices;
  let deliveries: Map<string, NotificationDelivery>;
  beforeAll(async () => {
    db = await openNotificationDatabase();
    services = { dataSource: db.dataSource, policy: POLICY };
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-minimise", notification, DELIVERED);
    deliveries = new Map((await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId })).map((delivery) => [delivery.recipientAgency, delivery]));
  });
  afterAll(async () => db.close());

  test.each([
    ["LA-E10000019", "Aldous", "Perpetua"],
    ["LA-E06000060", "Perpetua", "Aldous"],
  ])("%s reads %s, never %s, and its audit names only its own child", async (agency, own, other) => {
    const delivery = deliveries.get(agency);
    expect(delivery?.routingRules).toEqual(["pprc-csc-child-home-area"]);
    const children = (delivery?.content.childrenAtRisk ?? []) as { givenNames?: string }[];
    expect(children.map((child) => child.givenNames)).toEqual([own]);
    expect(JSON.stringify(delivery?.content)).not.toContain(other);
    expect(JSON.stringify(delivery?.redactions)).not.toContain("childrenAtRisk[1]");
    const entry = await db.auditEntry(delivery?.disclosureId ?? "");
    expect(entry.fieldsDisclosed.filter((field) => field.startsWith("childrenAtRisk[1]"))).toEqual([]);
  });

  test("the prisoner's home authority and probation, who answer for the prisoner's risk to every child, are told of both; the other child's authority of its own only", async () => {
    const home = { ...notification, reference: "NF-MIN-2", prisoner: { ...notification.prisoner, prisonNumber: "A6611MN", homeLocalAuthority: "E06000060" },
      childrenAtRisk: [{ ...FEN_CHILD, reference: "NF-MIN-2-C1" }, { ...VALE_CHILD, reference: "NF-MIN-2-C2" }] };
    const receipt = await submitPprcNotification(services, PRISON_SYSTEM, "req-minimise-home", home, DELIVERED);
    const told = new Map((await db.dataSource.getRepository(NotificationDelivery).findBy({ notificationId: receipt.notificationId })).map((delivery) => [delivery.recipientAgency, delivery]));
    const names = (agency: string) => ((told.get(agency)?.content.childrenAtRisk ?? []) as { givenNames?: string }[]).map((child) => child.givenNames);
    expect(told.get("LA-E06000060")?.routingRules).toEqual(["pprc-csc-prisoner-home-area", "pprc-csc-child-home-area"]);
    expect(names("LA-E06000060")).toEqual(["Aldous", "Perpetua"]);
    expect(names("PDU-E06000060")).toEqual(["Aldous", "Perpetua"]);
    expect(names("LA-E10000019")).toEqual(["Aldous"]);
  });
});
