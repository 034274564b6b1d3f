import { AgencyRecord } from "../../src/records/AgencyRecord";
import { Child } from "../../src/people/Child";
import { ChildName } from "../../src/people/ChildName";
import { AdultName } from "../../src/people/AdultName";
import { ChildAddress } from "../../src/people/ChildAddress";
import { EducationRecord } from "../../src/records/details/EducationRecord";
import { CHILD, OTHER_SUI, RECORDS, SUBMIT, SUI } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS, MASH_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

type AgencyKind = keyof typeof RECORDS;

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub();
});
afterAll(async () => {
  await hub.stop();
});

const systemOf = (kind: AgencyKind) => hub.token(AGENCY_SYSTEM_CLAIMS(RECORDS[kind].agencyCode, kind));

async function submit(kind: AgencyKind, record: Record<string, unknown> = RECORDS[kind], token?: string) {
  return hub.graphql(SUBMIT, { record }, token ?? (await systemOf(kind)));
}

function errorOf(response: { body: { errors?: { extensions: Record<string, unknown> }[] } }) {
  expect(response.body.errors).toHaveLength(1);
  return response.body.errors![0].extensions;
}

const repo = <T extends object>(entity: new () => T) => hub.hub.database.dataSource.getRepository(entity);

describe("submitRecord: agency systems push records linked by SUI", () => {
  // Every agency's record about one child, submitted once before the tests; a test that changes a
  // record works on one of its own, so the tests hold in any order.
  const first: Partial<Record<AgencyKind, Awaited<ReturnType<typeof submit>>>> = {};
  beforeAll(async () => {
    for (const kind of Object.keys(RECORDS) as AgencyKind[]) first[kind] = await submit(kind);
  });

  it.each(Object.keys(RECORDS) as AgencyKind[])("accepts a %s agency's record and links it to the child by SUI", async (kind) => {
    const response = first[kind]!;
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.submitRecord).toMatchObject({
      agencyReference: RECORDS[kind].agencyReference,
      outcome: "CREATED",
      version: 1,
      link: { method: "SUI", state: "POSSIBLE", origin: "AUTO", outcome: "RECEIVED" },
    });
    const stored = await repo(AgencyRecord).findOneOrFail({ where: { id: response.body.data.submitRecord.recordId }, relations: { child: true } });
    expect(stored.child?.sui).toBe(SUI);
  });

  it("holds one child for all seven agencies' records", async () => {
    expect(await repo(Child).countBy({ sui: SUI })).toBe(1);
    const ids = Object.values(first).map((response) => response.body.data.submitRecord.recordId as string);
    const stored = await repo(AgencyRecord).find({ where: ids.map((id) => ({ id })), relations: { child: true } });
    expect(stored).toHaveLength(7);
    expect(new Set(stored.map((record) => record.child?.sui))).toEqual(new Set([SUI]));
  });

  it("stores the details so a later disclosure can read them", async () => {
    const record = await repo(AgencyRecord).findOneByOrFail({ agencyReference: "UPN-A0001" });
    const details = await repo(EducationRecord).findOneByOrFail({ recordId: record.id });
    expect(details).toMatchObject({ rollStatus: "ON_ROLL", attendancePercent: 91.5, senStatus: "SEN_SUPPORT", exclusions: [] });
  });

  it("normalises the address and keeps it in the child's history, once for each record that reported it", async () => {
    const child = await repo(Child).findOneByOrFail({ sui: SUI });
    const addresses = await repo(ChildAddress).find({ where: { child: { id: child.id } }, relations: { sourceRecord: true } });
    expect(new Set(addresses.map((a) => `${a.postcode} ${a.localAuthority}`))).toEqual(new Set(["HP20 1UA E06000060"]));
    const reporting = await repo(AgencyRecord).findBy({ child: { id: child.id } });
    expect(addresses.map((a) => a.sourceRecord.id).sort()).toEqual(reporting.map((record) => record.id).sort());
  });

  describe("resubmission of the same agency reference", () => {
    it("changes nothing when identical", async () => {
      const record = { ...RECORDS.POLICE, agencyReference: "TVP-INC-0002" };
      expect((await submit("POLICE", record)).body.data.submitRecord).toMatchObject({ outcome: "CREATED", version: 1 });
      const response = await submit("POLICE", record);
      expect(response.body.data.submitRecord).toMatchObject({ outcome: "UNCHANGED", version: 1 });
      expect(await repo(AgencyRecord).countBy({ agencyReference: "TVP-INC-0002" })).toBe(1);
    });

    it("updates, never duplicates, when the content changed", async () => {
      const original = { ...RECORDS.POLICE, agencyReference: "TVP-INC-0003" };
      const created = await submit("POLICE", original);
      expect(created.body.data.submitRecord).toMatchObject({ outcome: "CREATED", version: 1 });
      const changed = { ...original, police: { ...RECORDS.POLICE.police, activeInvestigation: false, intelligence: null } };
      const updated = await submit("POLICE", changed);
      expect(updated.body.data.submitRecord).toMatchObject({ outcome: "UPDATED", version: 2 });
      const again = await submit("POLICE", changed);
      expect(again.body.data.submitRecord).toMatchObject({ outcome: "UNCHANGED", version: 2 });
      expect(await repo(AgencyRecord).countBy({ agencyReference: "TVP-INC-0003" })).toBe(1);
      const ids = new Set([created.body.data.submitRecord.recordId, updated.body.data.submitRecord.recordId, again.body.data.submitRecord.recordId]);
      expect(ids.size).toBe(1);
    });

    it("is safe when the same new record arrives twice at once", async () => {
      const record = { ...RECORDS.HEALTH, agencyReference: "GP-PT-RACE", child: { ...CHILD, sui: OTHER_SUI } };
      const token = await systemOf("HEALTH");
      const [a, b] = await Promise.all([submit("HEALTH", record, token), submit("HEALTH", record, token)]);
      expect([a.body.data.submitRecord.outcome, b.body.data.submitRecord.outcome].sort()).toEqual(["CREATED", "UNCHANGED"]);
      expect(await repo(AgencyRecord).countBy({ agencyReference: "GP-PT-RACE" })).toBe(1);
      expect(await repo(Child).countBy({ sui: OTHER_SUI })).toBe(1);
    });
  });

  it("records a name the hub has not seen as an alias, keeping the usual name", async () => {
    const record = { ...RECORDS.EDUCATION, agencyReference: "UPN-A0002", child: { ...CHILD, givenNames: "Addie" } };
    expect((await submit("EDUCATION", record)).body.errors).toBeUndefined();
    const child = await repo(Child).findOneByOrFail({ sui: SUI });
    expect(child.givenNames).toBe("Ada");
    const names = await repo(ChildName).find({ where: { child: { id: child.id } }, order: { kind: "DESC" } });
    expect(names.map((n) => [n.givenNames, n.kind])).toEqual([["Ada", "USUAL"], ["Addie", "ALIAS"]]);
  });

  it("keeps a prisoner's new name as an alias of the same person", async () => {
    const renamed = { ...RECORDS.PRISON, relatedAdults: [{ ...RECORDS.PRISON.relatedAdults[0], givenNames: "Rick", familyName: "Newname" }] };
    expect((await submit("PRISON", renamed)).body.data.submitRecord).toMatchObject({ outcome: "UPDATED", recordId: first.PRISON!.body.data.submitRecord.recordId });
    const names = await repo(AdultName).find({ relations: { adult: true } });
    // The prison's names for him: the one it first gave, and the new one as an alias.
    const prisonerNames = names.filter((n) => n.adult.id === names.find((x) => x.familyName === "Newname")?.adult.id && n.reportedBy === RECORDS.PRISON.agencyCode);
    expect(prisonerNames.map((n) => [n.familyName, n.kind]).sort()).toEqual([["Fictionalson", "USUAL"], ["Newname", "ALIAS"]]);
  });
});

describe("submitRecord refuses what it must", () => {
  it.each([
    ["a wrong check digit", "9990000019", "CHECK_DIGIT_MISMATCH"],
    ["nine digits", "999000001", "WRONG_LENGTH"],
    ["eleven digits", "99900000181", "WRONG_LENGTH"],
    ["letters", "99900O0018", "NOT_DIGITS"],
    ["no valid check digit", "1000000010", "NO_VALID_CHECK_DIGIT"],
  ])("INVALID_SUI for %s", async (_label, sui, problem) => {
    const response = await submit("HEALTH", { ...RECORDS.HEALTH, agencyReference: `BAD-${sui}`, child: { ...CHILD, sui } });
    expect(errorOf(response)).toMatchObject({ code: "INVALID_SUI", problem, path: "record.child.sui" });
    expect(response.body.data).toBeNull();
    expect(await repo(AgencyRecord).countBy({ agencyReference: `BAD-${sui}` })).toBe(0);
  });

  it("accepts a record without an SUI: a child the hub does not know becomes a new child awaiting an SUI", async () => {
    const child = { givenNames: "Perpetua", familyName: "Oakhanger", dateOfBirth: "2012-02-29", sex: "FEMALE", address: { kind: "HOME", line1: "3 Nowhere Lane", postcode: "HP20 2AB" } };
    const response = await submit("HEALTH", { ...RECORDS.HEALTH, agencyReference: "NO-SUI", child });
    expect(response.body.errors).toBeUndefined();
    const link = response.body.data.submitRecord.link;
    expect(link).toEqual({ method: "PROBABILISTIC", state: "POSSIBLE", origin: "AUTO", outcome: "RECEIVED" });
    const stored = await repo(AgencyRecord).findOneOrFail({ where: { id: response.body.data.submitRecord.recordId }, relations: { child: true } });
    expect(stored.child).toMatchObject({ sui: null, givenNames: "Perpetua", familyName: "Oakhanger" });
  });

  it("FORBIDDEN for a person's token, whatever their role", async () => {
    const response = await hub.graphql(SUBMIT, { record: { ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "CSC-BY-HAND" } }, await hub.token(MASH_CLAIMS));
    expect(errorOf(response).code).toBe("FORBIDDEN");
    expect(await repo(AgencyRecord).countBy({ agencyReference: "CSC-BY-HAND" })).toBe(0);
  });

  it("FORBIDDEN for another agency's system submitting in this agency's name", async () => {
    const policeSystem = await hub.token(AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE"));
    const response = await hub.graphql(SUBMIT, { record: { ...RECORDS.HEALTH, agencyReference: "GP-SPOOF" } }, policeSystem);
    expect(errorOf(response).code).toBe("FORBIDDEN");
    expect(await repo(AgencyRecord).countBy({ agencyReference: "GP-SPOOF" })).toBe(0);
  });

  it("FORBIDDEN when the token's agency type contradicts the directory", async () => {
    const token = await hub.token(AGENCY_SYSTEM_CLAIMS("GP-K99001", "POLICE"));
    const response = await hub.graphql(SUBMIT, { record: { ...RECORDS.HEALTH, agencyReference: "GP-TYPE" } }, token);
    expect(errorOf(response).code).toBe("FORBIDDEN");
  });

  it("an agency not in the directory, and one no longer active, are refused before any resolver (FORBIDDEN, AGENCY_NOT_IN_DIRECTORY / AGENCY_NOT_ACTIVE)", async () => {
    const unknown = await hub.token(AGENCY_SYSTEM_CLAIMS("SCH-000000", "EDUCATION"));
    expect(errorOf(await hub.graphql(SUBMIT, { record: { ...RECORDS.EDUCATION, agencyCode: "SCH-000000" } }, unknown))).toMatchObject({ code: "FORBIDDEN", problem: "AGENCY_NOT_IN_DIRECTORY" });
    const closed = await hub.token(AGENCY_SYSTEM_CLAIMS("SCH-199999", "EDUCATION"));
    expect(errorOf(await hub.graphql(SUBMIT, { record: { ...RECORDS.EDUCATION, agencyCode: "SCH-199999" } }, closed))).toMatchObject({ code: "FORBIDDEN", problem: "AGENCY_NOT_ACTIVE" });
  });

  it("RECORD_TYPE_MISMATCH when the details are not the agency's type, or several are sent", async () => {
    const asPolice = { ...RECORDS.HEALTH, agencyReference: "GP-AS-POLICE", health: undefined, police: RECORDS.POLICE.police };
    expect(errorOf(await submit("HEALTH", asPolice)).code).toBe("RECORD_TYPE_MISMATCH");
    const both = { ...RECORDS.HEALTH, agencyReference: "GP-BOTH", police: RECORDS.POLICE.police };
    expect(errorOf(await submit("HEALTH", both)).code).toBe("RECORD_TYPE_MISMATCH");
  });

  it.each([
    ["an over-long name", { child: { ...CHILD, givenNames: "A".repeat(101) } }, "child.givenNames"],
    ["a bad postcode", { child: { ...CHILD, address: { ...CHILD.address, postcode: "NOT A CODE" } } }, "record.child.address.postcode"],
    ["a future date of birth", { child: { ...CHILD, dateOfBirth: "2099-01-01" } }, "record.child.dateOfBirth"],
    ["an impossible date", { child: { ...CHILD, dateOfBirth: "2015-02-30" } }, null],
    ["an unknown field label", { fieldLabels: [{ field: "diagnosis", labels: ["SPECIAL_CATEGORY"] }] }, "record.fieldLabels[0].field"],
  ])("INVALID_INPUT for %s", async (_label, change, path) => {
    const response = await submit("HEALTH", { ...RECORDS.HEALTH, agencyReference: "GP-INVALID", ...change });
    const extensions = errorOf(response);
    expect(extensions.code).toBe("INVALID_INPUT");
    if (path !== null) expect(JSON.stringify(extensions)).toContain(path);
    expect(await repo(AgencyRecord).countBy({ agencyReference: "GP-INVALID" })).toBe(0);
  });

  it("INVALID_INPUT for a child protection plan without its category", async () => {
    const record = { ...RECORDS.CHILDRENS_SOCIAL_CARE, agencyReference: "CSC-NOCAT", socialCare: { ...RECORDS.CHILDRENS_SOCIAL_CARE.socialCare, planCategory: null } };
    expect(errorOf(await submit("CHILDRENS_SOCIAL_CARE", record))).toMatchObject({ code: "INVALID_INPUT", path: "record.socialCare.planCategory" });
  });

  // How long an agency stays involved, and a referral open, run from these dates (policies/relationships.yaml):
  // an event dated ahead, or an ending without its date, would keep a relationship open indefinitely.
  it.each([
    ["an incident reported in the future", "POLICE", { police: { ...RECORDS.POLICE.police, reportedOn: "2099-01-01" } }, "record.police.reportedOn"],
    ["an incident reported before it happened", "POLICE", { police: { ...RECORDS.POLICE.police, occurredOn: "2026-03-05", reportedOn: "2026-03-02" } }, "record.police.reportedOn"],
    ["a record made in the future", "POLICE", { recordedAt: "2099-01-01T00:00:00Z" }, "record.recordedAt"],
    ["a referral received in the future", "CHILDRENS_SOCIAL_CARE", { socialCare: { ...RECORDS.CHILDRENS_SOCIAL_CARE.socialCare, status: "REFERRAL", planCategory: null, startDate: "2099-01-01" } }, "record.socialCare.startDate"],
    ["a closed case without its end date", "CHILDRENS_SOCIAL_CARE", { socialCare: { ...RECORDS.CHILDRENS_SOCIAL_CARE.socialCare, status: "CLOSED", planCategory: null } }, "record.socialCare.endDate"],
    ["a pupil off the roll without the day they left", "EDUCATION", { education: { ...RECORDS.EDUCATION.education, rollStatus: "LEFT" } }, "record.education.leftOn"],
    ["a withdrawn PPRC assessment without its date", "PRISON", { prison: { ...RECORDS.PRISON.prison, pprcStatus: "NO_LONGER_PPRC", pprcAssessedOn: null } }, "record.prison.pprcAssessedOn"],
    ["a PPRC assessment dated in the future", "PRISON", { prison: { ...RECORDS.PRISON.prison, pprcAssessedOn: "2099-01-01" } }, "record.prison.pprcAssessedOn"],
  ] as const)("INVALID_INPUT for %s", async (_label, kind, change, path) => {
    const reference = `DATED-${path}`;
    const response = await submit(kind, { ...RECORDS[kind], agencyReference: reference, ...change });
    expect(errorOf(response)).toMatchObject({ code: "INVALID_INPUT", path });
    expect(await repo(AgencyRecord).countBy({ agencyReference: reference })).toBe(0);
  });

  it("INVALID_INPUT for a prison record that does not say which adult is the prisoner", async () => {
    const record = { ...RECORDS.PRISON, agencyReference: "HMP-NOSUBJECT", relatedAdults: [{ ...RECORDS.PRISON.relatedAdults[0], subjectOfRecord: false }] };
    expect(errorOf(await submit("PRISON", record))).toMatchObject({ code: "INVALID_INPUT", path: "record.relatedAdults" });
  });
});

describe("what a submission does not open", () => {
  it("returns a child's data only through `child` and `searchChildren`, each demanding an access context", async () => {
    const response = await hub.graphql("{ __schema { queryType { fields { name args { name type { kind ofType { name } } } } } } }", {}, await hub.token(MASH_CLAIMS));
    const fields = response.body.data.__schema.queryType.fields as { name: string; args: { name: string; type: { kind: string; ofType: { name: string } | null } }[] }[];
    const returnsChildData = fields.filter((f) => ["child", "searchChildren"].includes(f.name));
    expect(returnsChildData.map((f) => f.name)).toEqual(["child", "searchChildren"]);
    for (const field of returnsChildData) expect(field.args.find((a) => a.name === "access")?.type).toEqual({ kind: "NON_NULL", ofType: { name: "AccessContext" } });
  });

  it("writes no personal data to the logs while records are submitted", async () => {
    expect((await submit("HEALTH", { ...RECORDS.HEALTH, agencyReference: "GP-PT-LOGGED" })).body.errors).toBeUndefined();
    const logs = hub.logLines.join("\n");
    expect(logs).toContain("graphql.request");
    for (const personal of [SUI, "Testbrook", "Fictionalson", "2015-04-09", "HP20 1UA", "1 Example Street"]) {
      expect(logs).not.toContain(personal);
    }
  });
});

describe("what a receipt does not tell: whom the hub holds", () => {
  // A submitting system chooses the name, date of birth and postcode it sends. Were the receipt to
  // say how its record was linked, made-up details would ask the hub whether it holds such a child
  // (HUB.md §5: existence does not leak); how a record is linked is for data stewards' audited queries.
  const HOME = { kind: "HOME", line1: "4 Teasel Court", town: "Sampleton", postcode: "HP21 9XT", localAuthority: "E06000060" };
  const PHILIPPA = { givenNames: "Philippa", familyName: "Drummondsley", dateOfBirth: "2012-08-19", sex: "FEMALE", address: HOME };
  const HEARD_OF = "9990003009";
  const UNHEARD_OF = ["9990003017", "9990003025", "9990003033"];

  /** What a receipt says of a record, leaving out what names the record itself. */
  const said = ({ recordId: _id, agencyReference: _reference, receivedAt: _at, ...rest }: Record<string, unknown>) => rest;

  async function receiptFor(reference: string, child: Record<string, unknown>) {
    const response = await submit("HEALTH", { ...RECORDS.HEALTH, agencyReference: reference, child });
    expect(response.body.errors).toBeUndefined();
    return response.body.data.submitRecord as Record<string, unknown> & { recordId: string };
  }

  const storedLinkOf = async (recordId: string) => {
    const record = await repo(AgencyRecord).findOneOrFail({ where: { id: recordId }, relations: { child: true } });
    return { state: record.linkState, sui: record.child?.sui ?? null, awaitingSui: record.child !== null && record.child.sui === null };
  };

  beforeAll(async () => {
    await receiptFor("GP-ORACLE-HELD", { ...PHILIPPA, sui: HEARD_OF });
  });

  it("without an SUI: the same receipt whether the record matched a child the hub holds, went to a data steward or matched nobody", async () => {
    const maybe = { ...PHILIPPA, familyName: "Okafor", dateOfBirth: "2012-08-18", address: { ...HOME, postcode: "HP21 7QQ" } };
    const stranger = { givenNames: "Barnaby", familyName: "Wolstenholme", dateOfBirth: "2016-01-23", sex: "MALE", address: { ...HOME, postcode: "OX4 1AA" } };
    const matched = await receiptFor("GP-ORACLE-MATCH", PHILIPPA);
    const reviewed = await receiptFor("GP-ORACLE-REVIEW", maybe);
    const nobody = await receiptFor("GP-ORACLE-NOBODY", stranger);

    // The hub did link them three ways (which data stewards see in linkReviews and linkHistory) …
    expect(await storedLinkOf(matched.recordId)).toMatchObject({ state: "LINKED", sui: HEARD_OF });
    expect(await storedLinkOf(reviewed.recordId)).toMatchObject({ state: "POSSIBLE", sui: null, awaitingSui: false });
    expect(await storedLinkOf(nobody.recordId)).toMatchObject({ state: "LINKED", awaitingSui: true });
    // … and told the submitting system one thing.
    expect(said(reviewed)).toEqual(said(matched));
    expect(said(nobody)).toEqual(said(matched));
    expect(matched.link).toEqual({ method: "PROBABILISTIC", state: "POSSIBLE", origin: "AUTO", outcome: "RECEIVED" });

    // Sent again unchanged, each is answered as it was the first time, only UNCHANGED.
    for (const [reference, child, first] of [["GP-ORACLE-MATCH", PHILIPPA, matched], ["GP-ORACLE-REVIEW", maybe, reviewed], ["GP-ORACLE-NOBODY", stranger, nobody]] as const) {
      expect(await receiptFor(reference, child)).toEqual({ ...first, outcome: "UNCHANGED" });
    }
  });

  it("with an SUI: the same receipt whether the hub holds the SUI's child, does not, or holds it as another child", async () => {
    const held = await receiptFor("GP-ORACLE-SUI-HELD", { ...PHILIPPA, sui: HEARD_OF });
    const unheard = await receiptFor("GP-ORACLE-SUI-NEW", { givenNames: "Cordelia", familyName: "Ashworth-Pike", dateOfBirth: "2017-05-02", sex: "FEMALE", address: { ...HOME, postcode: "OX4 2BB" }, sui: UNHEARD_OF[0] });
    // The SUI of a child the hub holds, on a record that cannot be hers: held for a data steward.
    const disputed = await receiptFor("GP-ORACLE-SUI-DISPUTED", { givenNames: "Tobias", familyName: "Quennell", dateOfBirth: "2009-12-01", sex: "MALE", address: { ...HOME, postcode: "OX4 3CC" }, sui: HEARD_OF });
    // An SUI the hub has not seen, for a child it holds awaiting one: held for a data steward.
    const awaiting = { givenNames: "Ignatius", familyName: "Fairweather", dateOfBirth: "2013-10-10", sex: "MALE", address: { ...HOME, postcode: "OX4 4DD" } };
    await receiptFor("GP-ORACLE-AWAITING", awaiting);
    const arriving = await receiptFor("GP-ORACLE-SUI-ARRIVING", { ...awaiting, sui: UNHEARD_OF[1] });

    expect(await storedLinkOf(held.recordId)).toMatchObject({ state: "LINKED", sui: HEARD_OF });
    expect(await storedLinkOf(unheard.recordId)).toMatchObject({ state: "LINKED", sui: UNHEARD_OF[0] });
    expect(await storedLinkOf(disputed.recordId)).toMatchObject({ state: "POSSIBLE", sui: null });
    expect(await storedLinkOf(arriving.recordId)).toMatchObject({ state: "POSSIBLE", sui: null });
    for (const receipt of [unheard, disputed, arriving]) expect(said(receipt)).toEqual(said(held));
    expect(held.link).toEqual({ method: "SUI", state: "POSSIBLE", origin: "AUTO", outcome: "RECEIVED" });

    for (const [reference, child, first] of [
      ["GP-ORACLE-SUI-HELD", { ...PHILIPPA, sui: HEARD_OF }, held],
      ["GP-ORACLE-SUI-ARRIVING", { ...awaiting, sui: UNHEARD_OF[1] }, arriving],
    ] as const) {
      expect(await receiptFor(reference, child)).toEqual({ ...first, outcome: "UNCHANGED" });
    }
  });
});
