import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { ROLES } from "../../src/auth/Role";
import { AgencyVersion } from "../../src/directory/AgencyVersion";
import { DIRECTORY_ACCESS_RULE } from "../../src/directory/directoryAccess";
import { CALLERS } from "../support/claims";
import { RECORDS, SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { type TestClaims } from "../support/testKeys";

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const UPSERT = /* GraphQL */ `
  mutation ($agency: AgencyInput!) {
    upsertAgency(agency: $agency) { outcome version changedFields auditEntryId entry { code servedLocalAuthorities webhookUrl active } }
  }
`;
const HISTORY = /* GraphQL */ `
  query ($code: String!) {
    agencyHistory(code: $code) { version validFrom changedBy changedByAgency source auditEntryId entry { name servedLocalAuthorities active } }
  }
`;

const directoryAdmin: TestClaims = { sub: "directory-admin-1", name: "Test directory-admin-1", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["DIRECTORY_ADMIN"], la: "E06000060" };
const FORCE = {
  code: "POLICE-97",
  name: "Testvale Constabulary",
  type: "POLICE",
  servedLocalAuthorities: ["E06000060", "E10000019"],
  contactEmail: "ppu@testvale-police.example",
  contactPhone: "01632 960311",
  escalationEmail: "ppu-duty@testvale-police.example",
  webhookUrl: "https://hooks.testvale-police.example/hub",
};

const auditEntry = (id: string) => hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id });

describe("upsertAgency", () => {
  it("lets a directory administrator create an agency, audited, its version naming the audit entry", async () => {
    const token = await hub.token(directoryAdmin);
    const response = await hub.graphql(UPSERT, { agency: FORCE }, token).expect(200);
    expect(response.body.errors).toBeUndefined();
    const receipt = response.body.data.upsertAgency;
    expect(receipt).toMatchObject({ outcome: "CREATED", version: 1, entry: { code: "POLICE-97", servedLocalAuthorities: ["E06000060", "E10000019"], active: true } });
    expect(await auditEntry(receipt.auditEntryId)).toMatchObject({
      operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principalSub: "directory-admin-1", principalAgency: "LA-E06000060", childSuis: [],
      details: { agencyCode: "POLICE-97", outcome: "CREATED", version: 1 },
    });
    const [version] = await hub.hub.database.dataSource.getRepository(AgencyVersion).findBy({ agencyCode: "POLICE-97" });
    expect(version).toMatchObject({ version: 1, changedBy: "directory-admin-1", changedByAgency: "LA-E06000060", source: "API", auditEntryId: receipt.auditEntryId });
  });

  it("writes a new version for a change, none for a resubmission, and a deactivation as a version", async () => {
    const token = await hub.token(directoryAdmin);
    const changed = await hub.graphql(UPSERT, { agency: { ...FORCE, servedLocalAuthorities: ["E06000060"] } }, token).expect(200);
    expect(changed.body.data.upsertAgency).toMatchObject({ outcome: "UPDATED", version: 2, changedFields: ["servedLocalAuthorities"] });
    const again = await hub.graphql(UPSERT, { agency: { ...FORCE, servedLocalAuthorities: ["E06000060"] } }, token).expect(200);
    expect(again.body.data.upsertAgency).toMatchObject({ outcome: "UNCHANGED", version: 2, changedFields: [] });
    const deactivated = await hub.graphql(UPSERT, { agency: { ...FORCE, servedLocalAuthorities: ["E06000060"], active: false } }, token).expect(200);
    expect(deactivated.body.data.upsertAgency).toMatchObject({ outcome: "UPDATED", version: 3, changedFields: ["active"], entry: { active: false } });
    const history = await hub.graphql(HISTORY, { code: "POLICE-97" }, token).expect(200);
    expect(history.body.data.agencyHistory.map(({ version, source, entry }: { version: number; source: string; entry: { servedLocalAuthorities: string[]; active: boolean } }) => [version, source, entry.servedLocalAuthorities, entry.active])).toEqual([
      [3, "API", ["E06000060"], false],
      [2, "API", ["E06000060"], true],
      [1, "API", ["E06000060", "E10000019"], true],
    ]);
  });

  it.each(ROLES.filter((role) => role !== "DIRECTORY_ADMIN"))("refuses %s with FORBIDDEN, audits the refusal, and changes nothing", async (role) => {
    const caller: TestClaims = { ...CALLERS.igLead, sub: `refused-${role.toLowerCase()}`, roles: [role] };
    const response = await hub.graphql(UPSERT, { agency: { ...FORCE, code: "POLICE-96" } }, await hub.token(caller)).expect(200);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    expect(response.body.data).toBeNull();
    const refusals = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findBy({ principalSub: caller.sub, operation: "DIRECTORY_CHANGED" });
    expect(refusals).toEqual([expect.objectContaining({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: DIRECTORY_ACCESS_RULE })]);
    expect(await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: "POLICE-96" })).toBe(0);
  });

  it("refuses an entry the directory's rules refuse, naming the field and the problem", async () => {
    const token = await hub.token(directoryAdmin);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ servedLocalAuthorities: ["E06000060", "Testvale"] }, "agency.servedLocalAuthorities", "INVALID_LOCAL_AUTHORITY"],
      [{ contactEmail: "ppu at testvale" }, "agency.contactEmail", "INVALID_EMAIL"],
      [{ webhookUrl: "https://user:secret@hooks.testvale-police.example/hub" }, "agency.webhookUrl", "INVALID_WEBHOOK_URL"],
      [{ code: "police 97" }, "agency.code", "INVALID_CODE"],
    ];
    for (const [change, path, problem] of cases) {
      const response = await hub.graphql(UPSERT, { agency: { ...FORCE, code: "POLICE-95", ...change } }, token).expect(200);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path, problem });
    }
    const unknownType = await hub.graphql(UPSERT, { agency: { ...FORCE, code: "POLICE-95", type: "FIRE_SERVICE" } }, token);
    expect(unknownType.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT" });
    expect(await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: "POLICE-95" })).toBe(0);
  });
});

describe("an agency's type", () => {
  const SCHOOL = { code: "SCH-199001", name: "Sampleton Primary School", type: "EDUCATION", localAuthority: "E06000060", contactEmail: "safeguarding@sch-199001.example" };
  const schoolSystem: TestClaims = { sub: "system-sch-199001", name: "Sampleton Primary system", agency: "SCH-199001", agency_type: "EDUCATION", roles: ["AGENCY_SYSTEM"], la: "E06000060" };

  it("is fixed once the hub holds the agency's records: retyping a school as a police force is refused, and nothing is written", async () => {
    const submitted = await hub.graphql(SUBMIT, { record: RECORDS.EDUCATION }, await hub.token(schoolSystem)).expect(200);
    expect(submitted.body.errors).toBeUndefined();
    const token = await hub.token(directoryAdmin);
    const versionsBefore = await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: "SCH-199001" });
    const retyped = await hub.graphql(UPSERT, { agency: { ...SCHOOL, type: "POLICE" } }, token).expect(200);
    expect(retyped.body.errors?.[0]?.extensions).toMatchObject({ code: "INVALID_INPUT", path: "agency.type", problem: "AGENCY_TYPE_FIXED" });
    expect(await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: "SCH-199001" })).toBe(versionsBefore);
    // Any other change to the same agency still goes through.
    const renamed = await hub.graphql(UPSERT, { agency: { ...SCHOOL, name: "Sampleton Primary Academy" } }, token).expect(200);
    expect(renamed.body.errors).toBeUndefined();
    expect(renamed.body.data.upsertAgency).toMatchObject({ outcome: "UPDATED", changedFields: expect.arrayContaining(["name"]) });
    expect(renamed.body.data.upsertAgency.changedFields).not.toContain("type");
  });

  it("can still be corrected while the agency holds nothing", async () => {
    const token = await hub.token(directoryAdmin);
    const created = await hub.graphql(UPSERT, { agency: { ...SCHOOL, code: "SCH-199777", name: "Testmere Free School" } }, token).expect(200);
    expect(created.body.data.upsertAgency).toMatchObject({ outcome: "CREATED" });
    const corrected = await hub.graphql(UPSERT, { agency: { ...SCHOOL, code: "SCH-199777", name: "Testmere Free School", type: "CHILDRENS_SOCIAL_CARE" } }, token).expect(200);
    expect(corrected.body.errors).toBeUndefined();
    expect(corrected.body.data.upsertAgency).toMatchObject({ outcome: "UPDATED", changedFields: ["type"] });
  });
});

describe("agencyHistory", () => {
  it("is read by IG leads as well as directory administrators", async () => {
    const response = await hub.graphql(HISTORY, { code: "POLICE-97" }, await hub.token(CALLERS.igLead)).expect(200);
    expect(response.body.data.agencyHistory[0]).toMatchObject({ version: 3, changedBy: "directory-admin-1", changedByAgency: "LA-E06000060", source: "API", auditEntryId: expect.any(String) });
  });

  it("is refused to anyone else", async () => {
    for (const caller of [CALLERS.socialWorker, CALLERS.dataSteward, CALLERS.police]) {
      const response = await hub.graphql(HISTORY, { code: "POLICE-97" }, await hub.token(caller)).expect(200);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("answers NOT_FOUND for a code the directory never held", async () => {
    const response = await hub.graphql(HISTORY, { code: "NO-SUCH-AGENCY" }, await hub.token(directoryAdmin)).expect(200);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});
