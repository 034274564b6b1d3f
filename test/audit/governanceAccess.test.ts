import { join } from "node:path";
import { IgAlert } from "../../src/alerts/IgAlert";
import { closeIgAlert } from "../../src/alerts/reviewIgAlerts";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { listDisclosures } from "../../src/audit/listDisclosures";
import { type GovernanceServices } from "../../src/audit/governanceAccess";
import { listLinkReviews } from "../../src/identity/stewardship/listLinkReviews";
import { type AccessContext } from "../../src/policy/AccessContext";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { type PolicySet } from "../../src/policy/PolicySet";
import { openAuditTestDatabase, SOCIAL_WORKER, type AuditTestDatabase } from "./auditTestSupport";

/**
 * The role check is a layer of its own, not a side effect of the purposes policy: were a policy edit to
 * let a social worker state INFORMATION_GOVERNANCE or DATA_QUALITY, a social worker still could not
 * read the trail, work the link reviews, or close a break-glass alert.
 */
const POLICY = loadPolicies(join(__dirname, "..", "..", "policies"));

/** The real policies, with every purpose also open to social workers. */
function widened(policy: PolicySet): PolicySet {
  return { ...policy, purposes: new Map([...policy.purposes].map(([purpose, rule]) => [purpose, { ...rule, roles: [...rule.roles, "SOCIAL_WORKER"] }])) };
}

const stated = (purpose: AccessContext["purpose"], lawfulBasis: AccessContext["lawfulBasis"]): AccessContext => ({
  purpose, lawfulBasis, specialCategoryCondition: null, justification: "A social worker stating a governance purpose", caseReference: null, breakGlass: false,
});

describe("governance work is refused to the wrong role even under a purposes policy that would let them state the purpose", () => {
  let db: AuditTestDatabase;
  let services: GovernanceServices;
  let alertId: string;

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    services = { dataSource: db.dataSource, policy: widened(POLICY) };
    const alert = await db.dataSource.getRepository(IgAlert).save({
      childId: "00000000-0000-4000-8000-0000000000c1", principalSub: "ed-doctor-7", principalAgency: "TRUST-RX1", firstDisclosureId: "00000000-0000-4000-8000-000000000001",
      justification: "Child in ED at night with injuries; nobody reachable.", windowEndsAt: new Date("2026-11-15T13:00:00Z"),
    });
    alertId = alert.id;
  });
  afterAll(async () => {
    await db.close();
  });

  const refusalOf = async (requestId: string) => db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ requestId });

  it("reading the trail: the widened policy would admit the purpose, the IG-lead check does not", async () => {
    await expect(listDisclosures(services, SOCIAL_WORKER, "sw-trail", stated("INFORMATION_GOVERNANCE", "LEGAL_OBLIGATION"), {}, 10)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusalOf("sw-trail")).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: "audit-access:ig-lead-only" });
  });

  it("the link reviews: only a data steward", async () => {
    await expect(listLinkReviews(services, SOCIAL_WORKER, "sw-reviews", stated("DATA_QUALITY", "PUBLIC_TASK"), 10, null)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusalOf("sw-reviews")).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: "data-steward-only" });
  });

  it("closing a break-glass alert: only an IG lead, and the alert stays open", async () => {
    await expect(closeIgAlert(services, SOCIAL_WORKER, "sw-close", stated("INFORMATION_GOVERNANCE", "LEGAL_OBLIGATION"), alertId, "JUSTIFIED", "Looked fine to me, closing it.")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusalOf("sw-close")).toMatchObject({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: "ig-alert-review:ig-lead-only" });
    expect(await db.dataSource.getRepository(IgAlert).findOneByOrFail({ id: alertId })).toMatchObject({ status: "OPEN", closedBySub: null });
  });
});
