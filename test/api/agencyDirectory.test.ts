import { Readable } from "node:stream";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { ROLES } from "../../src/auth/Role";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { AgencyChangeProposal } from "../../src/directory/AgencyChangeProposal";
import { AgencyVersion } from "../../src/directory/AgencyVersion";
import { DirectoryChangeSource } from "../../src/directory/DirectoryChangeSource";
import { importDirectory } from "../../src/directory/importDirectory";
import { parseDirectoryCsv } from "../../src/directory/parseDirectoryCsv";
import { DIRECTORY_ACCESS_RULE, FOUR_EYES_RULE } from "../../src/directory/directoryAccess";
import { agenciesServing } from "../../src/directory/routingDirectory";
import { CALLERS } from "../support/claims";
import { IG_REVIEW } from "../support/governanceAccess";
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
    agencyHistory(code: $code) { version validFrom changedBy changedByAgency source auditEntryId approvedBy entry { name servedLocalAuthorities active } }
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

const PENDING = /* GraphQL */ `
  query { pendingAgencyChanges { id agencyCode baseVersion changedFields status source proposedBy proposedByAgency entry { webhookUrl servedLocalAuthorities } } }
`;
const APPROVE = /* GraphQL */ `
  mutation ($id: ID!) { approveAgencyChange(id: $id) { outcome version changedFields auditEntryId entry { code webhookUrl } proposal { id status decidedBy version } } }
`;
const REJECT = /* GraphQL */ `
  mutation ($id: ID!, $reason: String!) { rejectAgencyChange(id: $id, reason: $reason) { id status decidedBy decisionReason version } }
`;
const secondAdmin: TestClaims = { ...directoryAdmin, sub: "directory-admin-2", name: "Test directory-admin-2", agency: "LA-E10000019", agency_type: "CHILDRENS_SOCIAL_CARE", la: "E10000019" };
const propose = async (agency: Record<string, unknown>, caller: TestClaims = directoryAdmin) => {
  const response = await hub.graphql(UPSERT.replace("auditEntryId", "auditEntryId proposal { id }"), { agency }, await hub.token(caller)).expect(200);
  expect(response.body.errors).toBeUndefined();
  return response.body.data.upsertAgency;
};
const approve = async (id: string, caller: TestClaims = secondAdmin) => hub.graphql(APPROVE, { id }, await hub.token(caller)).expect(200);
const forceAsRouted = async (code = FORCE.code) => (await agenciesServing(hub.hub.database.dataSource.manager, { type: "POLICE", localAuthority: "E06000060" })).find(({ entry }) => entry.code === code);
/** The test force under a code of the test's own, proposed and approved: version 1, nothing pending. */
const registeredForce = async (code: string) => {
  const force = { ...FORCE, code };
  expect((await approve((await propose(force)).proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "CREATED", version: 1 });
  return force;
};

describe("upsertAgency", () => {
  it("holds a new agency for a second administrator, then creates it as version 1 naming both and the audit entries", async () => {
    const proposed = await propose(FORCE);
    expect(proposed).toMatchObject({ outcome: "PENDING_APPROVAL", version: 0, entry: { code: "POLICE-97" }, proposal: { id: expect.any(String) } });
    expect(await auditEntry(proposed.auditEntryId)).toMatchObject({
      operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principalSub: "directory-admin-1", principalAgency: "LA-E06000060", childSuis: [],
      details: { agencyCode: "POLICE-97", outcome: "PENDING_APPROVAL", version: 0 },
    });
    expect(await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: "POLICE-97" })).toBe(0);
    expect(await forceAsRouted()).toBeUndefined();

    const approved = await approve(proposed.proposal.id);
    expect(approved.body.errors).toBeUndefined();
    const receipt = approved.body.data.approveAgencyChange;
    expect(receipt).toMatchObject({ outcome: "CREATED", version: 1, proposal: { status: "APPROVED", decidedBy: "directory-admin-2", version: 1 } });
    expect(await auditEntry(receipt.auditEntryId)).toMatchObject({
      operation: "DIRECTORY_CHANGE_DECIDED", outcome: "RECORDED", principalSub: "directory-admin-2", childSuis: [],
      details: { proposalId: proposed.proposal.id, agencyCode: "POLICE-97", decision: "APPROVE", proposedBy: "directory-admin-1" },
    });
    const [version] = await hub.hub.database.dataSource.getRepository(AgencyVersion).findBy({ agencyCode: "POLICE-97" });
    expect(version).toMatchObject({
      version: 1, changedBy: "directory-admin-1", changedByAgency: "LA-E06000060", source: "API", auditEntryId: proposed.auditEntryId,
      approvedBy: "directory-admin-2", approvedByAgency: "LA-E10000019", proposalId: proposed.proposal.id,
    });
    expect(await forceAsRouted()).toMatchObject({ version: 1, entry: { webhookUrl: FORCE.webhookUrl } });
  });

  it("lets one administrator alone redirect nothing: routing keeps the current endpoint until another approves, and the proposer cannot", async () => {
    const force = await registeredForce("POLICE-94");
    const redirected = "https://hooks.elsewhere.example/take";
    const proposed = await propose({ ...force, webhookUrl: redirected });
    expect(proposed).toMatchObject({ outcome: "PENDING_APPROVAL", version: 1, changedFields: ["webhookUrl"] });
    // Where the next notification about a child would go: still the registered endpoint.
    expect(await forceAsRouted(force.code)).toMatchObject({ version: 1, entry: { webhookUrl: FORCE.webhookUrl } });

    const listed = await hub.graphql(PENDING, {}, await hub.token(secondAdmin)).expect(200);
    expect(listed.body.data.pendingAgencyChanges).toContainEqual(expect.objectContaining({
      id: proposed.proposal.id, agencyCode: force.code, baseVersion: 1, changedFields: ["webhookUrl"], status: "PENDING", source: "API",
      proposedBy: "directory-admin-1", proposedByAgency: "LA-E06000060", entry: expect.objectContaining({ webhookUrl: redirected }),
    }));
    // An IG lead of another agency sees that a change waits, not where it would send.
    const asIgLead = await hub.graphql(PENDING, {}, await hub.token(CALLERS.igLead)).expect(200);
    expect(asIgLead.body.data.pendingAgencyChanges.find(({ id }: { id: string }) => id === proposed.proposal.id).entry.webhookUrl).toBeNull();

    const ownApproval = await approve(proposed.proposal.id, directoryAdmin);
    expect(ownApproval.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", rule: FOUR_EYES_RULE });
    const decisions = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).findBy({ principalSub: "directory-admin-1", operation: "DIRECTORY_CHANGE_DECIDED" });
    const refusals = decisions.filter((entry) => entry.details.proposalId === proposed.proposal.id);
    expect(refusals).toEqual([expect.objectContaining({ outcome: "REFUSED", refusalCode: "FORBIDDEN", refusalRule: FOUR_EYES_RULE })]);
    for (const caller of [CALLERS.igLead, CALLERS.dataSteward]) {
      expect((await approve(proposed.proposal.id, caller)).body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await forceAsRouted(force.code)).toMatchObject({ version: 1, entry: { webhookUrl: FORCE.webhookUrl } });

    const rejected = await hub.graphql(REJECT, { id: proposed.proposal.id, reason: "Not requested by the force" }, await hub.token(secondAdmin)).expect(200);
    expect(rejected.body.data.rejectAgencyChange).toMatchObject({ status: "REJECTED", decidedBy: "directory-admin-2", decisionReason: "Not requested by the force", version: null });
    expect((await approve(proposed.proposal.id)).body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect(await forceAsRouted(force.code)).toMatchObject({ version: 1, entry: { webhookUrl: FORCE.webhookUrl } });
  });

  it("lets one administrator alone change no number a practitioner rings about a child: the contact phone waits for another", async () => {
    const force = await registeredForce("POLICE-89");
    // What a brokered involvement tells a practitioner to ring, and what each record's agency shows.
    const proposed = await propose({ ...force, contactPhone: "01632 960999" });
    expect(proposed).toMatchObject({ outcome: "PENDING_APPROVAL", version: 1, changedFields: ["contactPhone"] });
    expect(await forceAsRouted(force.code)).toMatchObject({ version: 1, entry: { contactPhone: FORCE.contactPhone } });
    expect((await approve(proposed.proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "UPDATED", version: 2, changedFields: ["contactPhone"] });
    expect(await forceAsRouted(force.code)).toMatchObject({ version: 2, entry: { contactPhone: "01632 960999" } });
  });

  it("allows one pending change per agency, and an approval only against the version it was proposed on", async () => {
    const force = await registeredForce("POLICE-93");
    const first = await propose({ ...force, contactEmail: "ppu-new@testvale-police.example" });
    const second = await hub.graphql(UPSERT, { agency: { ...force, escalationEmail: "other@testvale-police.example" } }, await hub.token(secondAdmin)).expect(200);
    expect(second.body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT", problem: "CHANGE_PENDING" });
    // A harmless change applies at once, so the pending one no longer describes the entry as it stands.
    expect(await propose({ ...force, name: "Testvale Police" })).toMatchObject({ outcome: "UPDATED", version: 2, changedFields: ["name"], proposal: null });
    expect((await approve(first.proposal.id)).body.errors?.[0]?.extensions).toMatchObject({ code: "CONFLICT" });
    expect((await hub.graphql(REJECT, { id: first.proposal.id, reason: "Superseded" }, await hub.token(directoryAdmin)).expect(200)).body.errors).toBeUndefined();
    expect(await hub.hub.database.dataSource.getRepository(AgencyVersion).countBy({ agencyCode: force.code })).toBe(2);
  });

  it("writes a new version for a change, none for a resubmission, and a deactivation as a version", async () => {
    const base = { ...(await registeredForce("POLICE-92")), name: "Testvale Police" };
    // A harmless change, applied at once without approval: version 2.
    expect(await propose(base)).toMatchObject({ outcome: "UPDATED", version: 2, proposal: null });
    const changed = await propose({ ...base, servedLocalAuthorities: ["E06000060"] });
    expect(changed).toMatchObject({ outcome: "PENDING_APPROVAL", version: 2, changedFields: ["servedLocalAuthorities"] });
    expect((await approve(changed.proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "UPDATED", version: 3, changedFields: ["servedLocalAuthorities"] });
    const again = await propose({ ...base, servedLocalAuthorities: ["E06000060"] });
    expect(again).toMatchObject({ outcome: "UNCHANGED", version: 3, changedFields: [], proposal: null });
    const deactivated = await propose({ ...base, servedLocalAuthorities: ["E06000060"], active: false });
    expect((await approve(deactivated.proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "UPDATED", version: 4, changedFields: ["active"] });
    const history = await hub.graphql(HISTORY, { code: base.code }, await hub.token(directoryAdmin)).expect(200);
    expect(history.body.data.agencyHistory.map(({ version, approvedBy, entry }: { version: number; approvedBy: string | null; entry: { servedLocalAuthorities: string[]; active: boolean } }) => [version, approvedBy, entry.servedLocalAuthorities, entry.active])).toEqual([
      [4, "directory-admin-2", ["E06000060"], false],
      [3, "directory-admin-2", ["E06000060"], true],
      [2, null, ["E06000060", "E10000019"], true],
      [1, "directory-admin-2", ["E06000060", "E10000019"], true],
    ]);
  });

  // Each role at an agency that holds it (policies/roles.yaml), else the gate refuses the token before the directory's rule is asked.
  const HELD_AT: Partial<Record<string, Partial<TestClaims>>> = {
    POLICE_OFFICER: { agency: "POLICE-43", agency_type: "POLICE" },
    HEALTH_PRACTITIONER: { agency: "GP-K99001", agency_type: "HEALTH" },
    SCHOOL_DSL: { agency: "SCH-199001", agency_type: "EDUCATION" },
    PROBATION_PRACTITIONER: { agency: "PDU-BUCKS", agency_type: "PROBATION" },
    PRISON_OMU: { agency: "HMP-EXAMPLETON", agency_type: "PRISON", la: "E10000019" },
    YOT_WORKER: { agency: "YOT-E06000060", agency_type: "YOUTH_JUSTICE" },
  };
  it.each(ROLES.filter((role) => role !== "DIRECTORY_ADMIN"))("refuses %s with FORBIDDEN, audits the refusal, and changes nothing", async (role) => {
    const caller: TestClaims = { ...CALLERS.igLead, ...HELD_AT[role], sub: `refused-${role.toLowerCase()}`, roles: [role] };
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

describe("an import's changes on the trail", () => {
  const HEADER = "code,name,type,servedLocalAuthorities,contactEmail,contactPhone,webhookUrl";
  const force = (name: string, webhookUrl: string) => `POLICE-96,${name},POLICE,E06000060,ppu@tessmoor-police.example,01632 960396,${webhookUrl}`;
  const ENDPOINT = "https://hooks.tessmoor-police.example/hub";
  const forceIgLead: TestClaims = { sub: "ig-lead-police-96", name: "Test IG lead", agency: "POLICE-96", agency_type: "POLICE", roles: ["IG_LEAD"], la: "E06000060" };
  const TRAIL = /* GraphQL */ `
    query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access) { nodes { id operation outcome principal { sub agency roles } details } } }
  `;
  const importLines = async (...lines: string[]) =>
    importDirectory(
      hub.hub.database.dataSource, await parseDirectoryCsv(Readable.from([`${[HEADER, ...lines].join("\n")}\n`])),
      { changedBy: "command:directory-operator", changedByAgency: null, source: DirectoryChangeSource.IMPORT }, { production: true },
    );

  it("lists one entry per change an import proposes or writes, as the API's, naming the operator and the agency, and the chain still verifies", async () => {
    expect(await importLines(force("Tessmoor Police", ENDPOINT))).toMatchObject({ applied: true, proposed: ["POLICE-96"] });
    const [{ id: proposalId }] = await hub.hub.database.dataSource.getRepository(AgencyChangeProposal).findBy({ agencyCode: "POLICE-96", status: "PENDING" });
    expect((await approve(proposalId)).body.data.approveAgencyChange).toMatchObject({ outcome: "CREATED", version: 1 });
    // A harmless change applies at once; an unchanged line changes nothing; a new endpoint waits for approval.
    expect(await importLines(force("Tessmoor Constabulary", ENDPOINT))).toMatchObject({ applied: true, updated: ["POLICE-96"] });
    expect(await importLines(force("Tessmoor Constabulary", ENDPOINT))).toMatchObject({ applied: true, unchanged: 1 });
    expect(await importLines(force("Tessmoor Constabulary", "https://hooks.tessmoor-police.example/v2"))).toMatchObject({ applied: true, proposed: ["POLICE-96"] });

    const read = await hub.graphql(TRAIL, { filter: { operation: "DIRECTORY_CHANGED" }, access: IG_REVIEW }, await hub.token(forceIgLead)).expect(200);
    expect(read.body.errors).toBeUndefined();
    const trail = read.body.data.disclosures.nodes;
    const operator = { sub: "command:directory-operator", agency: "POLICE-96", roles: ["DIRECTORY_ADMIN"] };
    expect(trail).toEqual([
      { id: expect.any(String), operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principal: operator, details: { agencyCode: "POLICE-96", outcome: "PENDING_APPROVAL", version: 2, changedFields: ["webhookUrl"] } },
      { id: expect.any(String), operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principal: operator, details: { agencyCode: "POLICE-96", outcome: "UPDATED", version: 2, changedFields: ["name"] } },
      { id: expect.any(String), operation: "DIRECTORY_CHANGED", outcome: "RECORDED", principal: operator, details: expect.objectContaining({ agencyCode: "POLICE-96", outcome: "PENDING_APPROVAL", version: 0 }) },
    ]);
    // Each version and proposal names its entry, as the API's do: the version an approval wrote names the import's proposal.
    const history = await hub.graphql(HISTORY, { code: "POLICE-96" }, await hub.token(directoryAdmin)).expect(200);
    expect(history.body.data.agencyHistory.map(({ version, auditEntryId }: { version: number; auditEntryId: string }) => [version, auditEntryId])).toEqual([[2, trail[1].id], [1, trail[2].id]]);
    expect(await hub.hub.database.dataSource.getRepository(AgencyChangeProposal).findOneByOrFail({ agencyCode: "POLICE-96", status: "PENDING" })).toMatchObject({ proposalAuditEntryId: trail[0].id });
    expect(await verifyAuditChain(hub.hub.database.dataSource)).toMatchObject({ intact: true, firstBroken: null });
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
    const created = await propose({ ...SCHOOL, code: "SCH-199777", name: "Testmere Free School" });
    expect((await approve(created.proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "CREATED" });
    const corrected = await propose({ ...SCHOOL, code: "SCH-199777", name: "Testmere Free School", type: "CHILDRENS_SOCIAL_CARE" });
    expect(corrected).toMatchObject({ outcome: "PENDING_APPROVAL", changedFields: ["type"] });
    expect((await approve(corrected.proposal.id)).body.data.approveAgencyChange).toMatchObject({ outcome: "UPDATED", changedFields: ["type"] });
  });
});

describe("agencyHistory", () => {
  it("is read by IG leads as well as directory administrators", async () => {
    const force = await registeredForce("POLICE-91");
    const response = await hub.graphql(HISTORY, { code: force.code }, await hub.token(CALLERS.igLead)).expect(200);
    expect(response.body.data.agencyHistory[0]).toMatchObject({ version: 1, changedBy: "directory-admin-1", changedByAgency: "LA-E06000060", source: "API", auditEntryId: expect.any(String), approvedBy: "directory-admin-2" });
  });

  it("is refused to anyone else", async () => {
    const force = await registeredForce("POLICE-90");
    for (const caller of [CALLERS.socialWorker, CALLERS.dataSteward, CALLERS.police]) {
      const response = await hub.graphql(HISTORY, { code: force.code }, await hub.token(caller)).expect(200);
      expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("answers NOT_FOUND for a code the directory never held", async () => {
    const response = await hub.graphql(HISTORY, { code: "NO-SUCH-AGENCY" }, await hub.token(directoryAdmin)).expect(200);
    expect(response.body.errors?.[0]?.extensions).toMatchObject({ code: "NOT_FOUND" });
  });
});
