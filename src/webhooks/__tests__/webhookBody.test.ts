import { type DeliveryAsItLeaves } from "../../notifications/deliveriesAsTheyLeave";
import { type DeliveryAudience } from "../../notifications/DeliveryAudience";
import { webhookBody } from "../webhookBody";

const delivery = (audience: DeliveryAudience) => ({
  id: "d-1", audience, deliveredAt: new Date("2026-12-01T10:00:00Z"), acknowledgeBy: null, dueBy: null, dueFor: null, responseRequested: false,
  routingRules: [], purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, disclosureId: "a-1",
  content: { escalation: { overdueDeliveryId: "d-0", acknowledgeBy: "2026-11-30T10:00:00.000Z" } }, redactions: [], supplementaryStatements: [], restrictions: [],
}) as unknown as DeliveryAsItLeaves;

describe("a webhook's body", () => {
  it("carries the view of a delivery to the agency's staff", () => {
    expect(JSON.parse(webhookBody(delivery("STAFF"), "ESCALATION")).data.content).toEqual(delivery("STAFF").content);
  });

  it("tells the agency's system only that a delivery for its IG leads, or for one person, waits in the hub", () => {
    for (const [audience, notice] of [["IG_LEADS", "AWAITS_IG_LEADS_IN_HUB_INBOX"], ["ADDRESSEE", "AWAITS_ADDRESSEE_IN_HUB_INBOX"]] as const) {
      const body = JSON.parse(webhookBody(delivery(audience), "ESCALATION"));
      expect(body.data).toEqual({ id: "d-1", notificationType: "ESCALATION", audience, deliveredAt: "2026-12-01T10:00:00.000Z", content: null, notice });
    }
  });

  it("tells the agency's system only that a delivery for its staff waits in the hub, while some of them are kept out of a child it is about", () => {
    const body = JSON.parse(webhookBody(delivery("STAFF"), "ESCALATION", true));
    expect(body.data).toEqual({ id: "d-1", notificationType: "ESCALATION", audience: "STAFF", deliveredAt: "2026-12-01T10:00:00.000Z", content: null, notice: "AWAITS_STAFF_IN_HUB_INBOX" });
  });
});
