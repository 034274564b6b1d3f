import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { Agency } from "../../src/directory/Agency";
import { syntheticNhsNumbers } from "../../src/identity/nhsNumber";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { SUBMIT } from "../support/fixtures";
import { startTestHub, type TestHub } from "../support/testHub";
import { AGENCY_SYSTEM_CLAIMS, type TestClaims } from "../support/testKeys";
import { storedLinkOf } from "../support/storedLink";

/**
 * Design principle 8: every fact keeps its source. A child's names, addresses, date of birth and local
 * authority reach a caller only through a record the caller may see; a sealed record contributes nothing
 * outside itself, a brokered one only its restricted-involvement signal, a protected location (and the
 * local authority derived from it) only what its label allows. Fresh children of this file's own.
 */
let hub: TestHub;
const sui = syntheticNhsNumbers(810_000);
const next = () => sui.next().value as string;

const BUCKS = "E06000060";
const LINCS = "E10000019";
const CLINIC = { code: "CLINIC-SH1", name: "Example Sexual Health Service", type: "HEALTH", localAuthority: BUCKS, servedLocalAuthorities: [BUCKS] as string[], policeForceArea: null, contactEmail: "safeguarding@clinic-sh1.example", contactPhone: null, active: true } as const;
const FORCE_FOR_LINCS = { code: "POLICE-32", name: "Lincolnshire Police", type: "POLICE", localAuthority: LINCS, servedLocalAuthorities: [LINCS] as string[], policeForceArea: "Lincolnshire", contactEmail: "safeguarding@police-32.example", contactPhone: null, active: true } as const;
const DEVON = "E10000008";
const DEVON_CSC = { code: "LA-E10000008", name: "Devon County Council children's services", type: "CHILDRENS_SOCIAL_CARE", localAuthority: DEVON, servedLocalAuthorities: [DEVON] as string[], policeForceArea: null, contactEmail: "mash@devon-csc.example", contactPhone: null, active: true } as const;
const LINCS_POLICE: TestClaims = { sub: "pc-lincs", name: "Test pc-lincs", agency: "POLICE-32", agency_type: "POLICE", roles: ["POLICE_OFFICER"], la: LINCS };

beforeAll(async () => {
  hub = await startTestHub();
  await hub.hub.database.dataSource.getRepository(Agency).insert([CLINIC, FORCE_FOR_LINCS, DEVON_CSC]);
});
afterAll(async () => {
  await hub.stop();
});

const home = (line1: string, postcode: string, localAuthority: string, extra: Record<string, unknown> = {}) => ({ kind: "HOME", line1, town: "Sampleton", postcode, localAuthority, ...extra });

async function submit(agencyType: string, record: Record<string, unknown>, la = BUCKS) {
  const body = (await hub.graphql(SUBMIT, { record }, await hub.token(AGENCY_SYSTEM_CLAIMS(record.agencyCode as string, agencyType, la)))).body;
  expect(body.errors).toBeUndefined();
  const receipt = body.data.submitRecord as { recordId: string };
  // The receipt does not say how the record was linked (it would tell whom the hub holds): read what the hub stored.
  return { ...receipt, link: await storedLinkOf(hub.hub.database.dataSource, receipt.recordId) };
}

async function ask(caller: TestClaims, childSui: string, context: Record<string, unknown>) {
  const body = (await hub.graphql(CHILD_QUERY, { sui: childSui, access: context }, await hub.token(caller))).body;
  expect(body.errors).toBeUndefined();
  return body.data.child as Record<string, any> | null;
}

const school = (child: object, reference: string, education: Record<string, unknown> = {}) => ({
  agencyCode: "SCH-199001", agencyReference: reference, child,
  education: { rollStatus: "ON_ROLL", onRollFrom: "2021-09-01", dslName: "Pat Lead", dslContact: "dsl@sampleton.example", ...education },
});
const gp = (child: object, reference: string, agencyCode = "GP-K99001", extra: Record<string, unknown> = {}) => ({
  agencyCode, agencyReference: reference, child, health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2016-06-01" }, ...extra,
});
const csc = (child: object, reference: string, socialCare: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  agencyCode: "LA-E06000060", agencyReference: reference, child,
  socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", allocatedWorkerName: "Sam Worker", allocatedWorkerContact: "sam.worker@bucks.example", responsibleLocalAuthority: BUCKS, ...socialCare },
  ...extra,
});
const police = (child: object, reference: string, agencyCode = "POLICE-43", extra: Record<string, unknown> = {}) => ({
  agencyCode, agencyReference: reference, child, police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-10-01" }, ...extra,
});

describe("a sealed record (a new identity) contributes nothing outside itself", () => {
  const childSui = next();
  const known = { sui: childSui, givenNames: "Linnea", familyName: "Hartwell", dateOfBirth: "2013-05-17", sex: "FEMALE", address: home("4 Orchard Row", "HP20 2AB", BUCKS) };
  const sealedIdentity = { ...known, givenNames: "Marnie", familyName: "Oakhurst", address: home("9 Fen Lane", "LN2 5QQ", LINCS, { validFrom: "2026-09-01" }) };

  let sealedRecordId: string;
  beforeAll(async () => {
    await submit("EDUCATION", school(known, "UPN-PROV-1"));
    await submit("POLICE", police(known, "TVP-PROV-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc(known, "CSC-PROV-1"));
    // Lincolnshire Police's protected-witness record, sealed, reports the child's new name and address.
    sealedRecordId = (await submit("POLICE", police(sealedIdentity, "LP-SEALED-1", "POLICE-32", { labels: ["SEALED"] }), LINCS)).recordId;
  });

  it("never shows the new name or address to another police force, however much it may see", async () => {
    const child = await ask(CALLERS.police, childSui, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    expect(child).not.toBeNull();
    const text = JSON.stringify(child);
    for (const hidden of ["Marnie", "Oakhurst", "Fen Lane", "LN2 5QQ", LINCS]) expect(text).not.toContain(hidden);
    expect(child!.demographics).toMatchObject({ givenNames: "Linnea", familyName: "Hartwell", aliases: [], localAuthority: BUCKS });
    expect(child!.demographics.addresses.map((a: { line1: string }) => a.line1)).toEqual(["4 Orchard Row"]);
  });

  it("does not make the new identity's council the child's local authority, for anyone who may not see the record", async () => {
    const child = await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"));
    expect(child!.demographics.localAuthority).toBe(BUCKS);
    expect(JSON.stringify(child)).not.toContain("Oakhurst");
  });

  it("does not make the new identity's council responsible for the child", async () => {
    expect(await ask(CALLERS.lincolnshireSocialWorker, childSui, access("SECTION_47_ENQUIRY"))).toBeNull();
  });

  it("is still seen by the force that holds it, with what it reported", async () => {
    const child = await ask(LINCS_POLICE, childSui, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    expect(child!.police.map((record: { recordId: string }) => record.recordId)).toContain(sealedRecordId);
    expect(child!.demographics.aliases).toEqual(["Marnie Oakhurst"]);
  });

  it("shows a data steward no sealed name", async () => {
    const child = await ask(CALLERS.dataSteward, childSui, { ...access("DATA_QUALITY"), specialCategoryCondition: null });
    expect(child!.demographics.givenNames).toBe("Linnea");
    expect(JSON.stringify(child)).not.toContain("Marnie");
  });

  it("is never matched on: a record reporting only the sealed identity does not find the child", async () => {
    const { sui: _withheld, ...withoutSui } = sealedIdentity;
    const receipt = await submit("HEALTH", gp(withoutSui, "GP-PROV-NEWID"));
    expect(receipt.link.outcome).toBe("NEW_CHILD");
  });
});

describe("what only a sealed record reports is never matched on", () => {
  const profileOf = async (childSui: string) => {
    const [row] = await hub.hub.database.dataSource.query<{ given_names: string[]; postcodes: string[] }[]>(
      `SELECT p.given_names, p.postcodes FROM child_match_profile p JOIN child c ON c.id = p.child_id WHERE c.sui = $1`, [childSui]);
    return row;
  };

  it("when a record sealed on resubmission reported it", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Peredur", familyName: "Lowther", dateOfBirth: "2012-12-01", sex: "MALE", address: home("2 Ash Grove", "HP20 8UV", BUCKS) };
    await submit("EDUCATION", school(child, "UPN-SEAL-LATER"));
    const witness = police({ ...child, givenNames: "Rhodri", address: home("5 Dyke Road", "LN5 7WX", LINCS) }, "TVP-SEAL-LATER");
    await submit("POLICE", witness);
    expect(await profileOf(childSui)).toMatchObject({ given_names: expect.arrayContaining(["Rhodri"]), postcodes: expect.arrayContaining(["LN5 7WX"]) });
    await submit("POLICE", { ...witness, labels: ["SEALED"] });
    const profile = await profileOf(childSui);
    expect(profile.given_names).not.toContain("Rhodri");
    expect(profile.postcodes).not.toContain("LN5 7WX");
  });

  it("when a sealed record founded the child: not even its date of birth or sex", async () => {
    const childSui = next();
    const founder = { sui: childSui, givenNames: "Ffion", familyName: "Cadwgan", dateOfBirth: "2010-05-05", sex: "FEMALE", address: home("3 Cliff Row", "LN3 3CR", LINCS) };
    await submit("POLICE", police(founder, "LP-SEAL-FOUNDER", "POLICE-32", { labels: ["SEALED"] }), LINCS);
    const profile = async () => (await hub.hub.database.dataSource.query<{ date_of_birth: string | null; sex: string }[]>(
      `SELECT p.date_of_birth::text AS date_of_birth, p.sex FROM child_match_profile p JOIN child c ON c.id = p.child_id WHERE c.sui = $1`, [childSui]))[0];
    expect(await profile()).toEqual({ date_of_birth: null, sex: "NOT_KNOWN" });
    // The same name and address as the sealed record: only the date of birth and sex are newly supported.
    await submit("EDUCATION", school({ ...founder, dateOfBirth: "2010-05-06" }, "UPN-SEAL-FOUNDER"));
    expect(await profile()).toEqual({ date_of_birth: "2010-05-06", sex: "FEMALE" });
  });

  it("when a sealed record arrives without an SUI and is linked by the matcher", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Seren", familyName: "Mostyn", dateOfBirth: "2011-07-14", sex: "FEMALE", address: home("7 Bryn Way", "HP20 9YZ", BUCKS) };
    await submit("EDUCATION", school(child, "UPN-SEAL-MATCH"));
    await submit("HEALTH", gp(child, "GP-SEAL-MATCH"));
    const { sui: _none, ...withoutSui } = { ...child, address: home("11 Marsh Lane", "LN6 8AB", LINCS) };
    const receipt = await submit("POLICE", police(withoutSui, "TVP-SEAL-MATCH", "POLICE-43", { labels: ["SEALED"] }));
    expect(receipt.link.outcome).toBe("MATCHED");
    expect((await profileOf(childSui)).postcodes).not.toContain("LN6 8AB");
  });
});

describe("a protected location is never matched on", () => {
  const profileOf = async (childSui: string) => {
    const [row] = await hub.hub.database.dataSource.query<{ postcodes: string[] }[]>(
      `SELECT p.postcodes FROM child_match_profile p JOIN child c ON c.id = p.child_id WHERE c.sui = $1`, [childSui]);
    return row;
  };

  it("when another record reports the same postcode unprotected", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Wenna", familyName: "Tregarthen", dateOfBirth: "2012-06-06", sex: "FEMALE" };
    await submit("EDUCATION", school({ ...child, address: home("3 Weir Close", "HP21 3WC", BUCKS) }, "UPN-PROT-1"));
    expect((await profileOf(childSui)).postcodes).toEqual(["HP21 3WC"]);
    await submit("HEALTH", gp({ ...child, address: { kind: "REFUGE", line1: "Weir Close refuge", postcode: "HP21 3WC", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] } }, "GP-PROT-1"));
    expect((await profileOf(childSui)).postcodes).toEqual([]);
  });

  it("when the agency that reported it labels it on resubmission", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Kerensa", familyName: "Polglaze", dateOfBirth: "2013-02-02", sex: "FEMALE" };
    const record = school({ ...child, address: home("6 Lode Street", "HP21 4LS", BUCKS) }, "UPN-PROT-2");
    await submit("EDUCATION", record);
    expect((await profileOf(childSui)).postcodes).toEqual(["HP21 4LS"]);
    await submit("EDUCATION", { ...record, child: { ...record.child, address: home("6 Lode Street", "HP21 4LS", BUCKS, { labels: ["LOCATION_WITHHELD"] }) } });
    expect((await profileOf(childSui)).postcodes).toEqual([]);
  });
});

describe("a new identity stays sealed in matching (adoption: a new NHS number)", () => {
  const birthSui = next();
  const newSui = next();
  const birth = { givenNames: "Elowen", familyName: "Trevithick", dateOfBirth: "2013-04-09", sex: "FEMALE", address: home("14 Quarry Row", "HP20 4QR", BUCKS) };
  const adoptive = { ...birth, givenNames: "Rosalind", familyName: "Ashcombe", address: home("2 Mill Lane", "LN4 2ML", LINCS) };
  const query = <T>(sql: string, values: unknown[]) => hub.hub.database.dataSource.query<T>(sql, values);
  const childOf = async (childSui: string) => (await query<{ id: string }[]>(`SELECT id FROM child WHERE sui = $1`, [childSui]))[0]?.id;
  const linkOf = async (recordId: string) => (await query<{ child_id: string | null }[]>(`SELECT child_id FROM agency_record WHERE id = $1`, [recordId]))[0]?.child_id;
  const proposed = async (recordId: string) => (await query<{ candidate_child_id: string }[]>(`SELECT candidate_child_id FROM link_review WHERE record_id = $1`, [recordId])).map((row) => row.candidate_child_id);

  let birthChild: string;
  let newChild: string;
  let sealedRecordId: string;
  beforeAll(async () => {
    await submit("EDUCATION", school({ ...birth, sui: birthSui }, "UPN-ADOPT-1"));
    await submit("HEALTH", gp({ ...birth, sui: birthSui }, "GP-ADOPT-1"));
    // The adoption agency's record of the new identity, sealed, also names the birth name and date of birth.
    sealedRecordId = (await submit("CHILDRENS_SOCIAL_CARE", csc({ ...birth, sui: newSui, address: adoptive.address }, "CSC-ADOPT-SEALED", {}, { labels: ["SEALED"] }))).recordId;
    await submit("CHILDRENS_SOCIAL_CARE", csc({ ...adoptive, sui: newSui }, "CSC-ADOPT-SEALED-2", {}, { labels: ["SEALED"] }));
    birthChild = await childOf(birthSui);
    newChild = await childOf(newSui);
  });

  it("links the birth name and date of birth arriving on the new identity within it, never to the birth identity", async () => {
    expect(newChild).toBeDefined();
    expect(newChild).not.toBe(birthChild);
    expect(await linkOf(sealedRecordId)).toBe(newChild);
  });

  it("gives the new identity nothing to be matched on: no profile values and no blocking key", async () => {
    const [profile] = await query<{ given_names: string[]; family_names: string[]; date_of_birth: string | null; postcodes: string[] }[]>(
      `SELECT given_names, family_names, date_of_birth::text AS date_of_birth, postcodes FROM child_match_profile WHERE child_id = $1`, [newChild]);
    expect(profile).toEqual({ given_names: [], family_names: [], date_of_birth: null, postcodes: [] });
    expect(await query(`SELECT key FROM child_match_key WHERE child_id = $1`, [newChild])).toEqual([]);
    const [birthProfile] = await query<{ given_names: string[]; family_names: string[]; postcodes: string[] }[]>(`SELECT given_names, family_names, postcodes FROM child_match_profile WHERE child_id = $1`, [birthChild]);
    expect(JSON.stringify(birthProfile)).not.toMatch(/Rosalind|Ashcombe|LN4 2ML/);
  });

  it("links a record of the birth name and date of birth without an NHS number to the birth identity only, proposing nothing across the seal", async () => {
    const receipt = await submit("HEALTH", gp(birth, "GP-ADOPT-NOSUI"));
    expect(receipt.link.outcome).toBe("MATCHED");
    expect(await linkOf(receipt.recordId)).toBe(birthChild);
    expect(await proposed(receipt.recordId)).not.toContain(newChild);
  });

  it("never finds the new identity from a record of it without an NHS number, nor proposes the birth identity for it", async () => {
    const receipt = await submit("EDUCATION", school(adoptive, "UPN-ADOPT-NEWID"));
    expect(receipt.link.outcome).toBe("NEW_CHILD");
    expect(await proposed(receipt.recordId)).toEqual([]);
    expect([birthChild, newChild]).not.toContain(await linkOf(receipt.recordId));
  });
});

describe("a child known only through a sealed record", () => {
  it("has no identity to show anyone else: the answer is the one for a child the hub does not hold", async () => {
    const childSui = next();
    await submit("POLICE", police({ sui: childSui, givenNames: "Orla", familyName: "Penhallow", dateOfBirth: "2012-02-02", sex: "FEMALE" }, "TVP-ONLY-SEALED", "POLICE-43", { labels: ["SEALED"] }));
    const breakGlass = access("EMERGENCY_PROTECTION", "VITAL_INTERESTS", { breakGlass: true, justification: "Child at the ED with injuries at 03:00; no social care contact reachable out of hours tonight." });
    expect(await ask(CALLERS.hospitalDoctor, childSui, breakGlass)).toBeNull();
  });
});

describe("a brokered record contributes only its restricted-involvement signal", () => {
  it("keeps a clinic-only temporary address out of the child's addresses", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Tamsin", familyName: "Quarrie", dateOfBirth: "2010-10-10", sex: "FEMALE", address: home("12 Mill Street", "HP20 3CD", BUCKS) };
    await submit("EDUCATION", school(child, "UPN-BROKER-1"));
    await submit("CHILDRENS_SOCIAL_CARE", csc(child, "CSC-BROKER-1"));
    await submit("HEALTH", gp({ ...child, givenNames: "Tam", address: { kind: "TEMPORARY", line1: "Flat 2, 80 Station Road", postcode: "HP21 8EF", localAuthority: BUCKS } }, "SH-BROKER-1", "CLINIC-SH1", { labels: ["BROKERED"] }));
    const seen = await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"));
    expect(seen!.restrictedInvolvement).toEqual([{ agencyType: "HEALTH", contactEmail: CLINIC.contactEmail }]);
    expect(seen!.demographics.addresses.map((a: { line1: string }) => a.line1)).toEqual(["12 Mill Street"]);
    expect(seen!.demographics.aliases).toEqual([]);
    expect(JSON.stringify(seen)).not.toContain("Station Road");
  });
});

describe("a protected location, and what is derived from it", () => {
  const childSui = next();
  const placed = { sui: childSui, givenNames: "Idris", familyName: "Vantreight", dateOfBirth: "2011-01-11", sex: "MALE", address: { kind: "PLACEMENT", line1: "3 Quiet Close", postcode: "LN4 4GH", localAuthority: LINCS, labels: ["LOCATION_WITHHELD"] } };

  beforeAll(async () => {
    await submit("CHILDRENS_SOCIAL_CARE", csc(placed, "CSC-PLACED-1", { status: "LOOKED_AFTER", legalStatus: "SECTION_20_ACCOMMODATED" }));
    await submit("EDUCATION", school({ ...placed, address: undefined }, "UPN-PLACED-1"));
  });

  it("withholds the placement's local authority wherever the placement is withheld, with the rule", async () => {
    const child = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(child!.demographics.localAuthority).toBeNull();
    expect(child!.redactions).toEqual(expect.arrayContaining([expect.objectContaining({ path: "demographics.localAuthority", rule: "location-withheld" })]));
    expect(JSON.stringify(child)).not.toContain(LINCS);
  });

  it("shows it to children's social care with the placement", async () => {
    const child = await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"));
    expect(child!.demographics.localAuthority).toBe(LINCS);
  });

  it("protects an address reported by a record labelled LOCATION_WITHHELD, even when the address itself is not labelled", async () => {
    const refugeSui = next();
    const refuge = { sui: refugeSui, givenNames: "Nell", familyName: "Amberley", dateOfBirth: "2015-12-12", sex: "FEMALE", address: { kind: "REFUGE", line1: "Refuge address", postcode: "HP22 6JK", localAuthority: BUCKS } };
    await submit("EDUCATION", school(refuge, "UPN-REFUGE-1", {}));
    await submit("HEALTH", gp(refuge, "GP-REFUGE-1", "GP-K99001", { labels: ["LOCATION_WITHHELD"] }));
    const child = await ask(CALLERS.schoolDsl, refugeSui, access("STRATEGY_DISCUSSION"));
    expect(child!.demographics.addresses).toEqual([expect.objectContaining({ kind: null, line1: null, postcode: null, withheld: true })]);
    expect(JSON.stringify(child)).not.toContain("HP22 6JK");
  });

  it("protects every report of a protected location, whatever kind of address another record calls it", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Tova", familyName: "Hesketh", dateOfBirth: "2013-03-30", sex: "FEMALE" };
    await submit("EDUCATION", school({ ...child, address: { kind: "TEMPORARY", line1: "12 Linden Court", postcode: "HP22 7QQ", localAuthority: BUCKS } }, "UPN-REFUGE-2"));
    await submit("HEALTH", gp({ ...child, address: { kind: "REFUGE", line1: "Linden Court (refuge)", postcode: "HP22 7QQ", localAuthority: BUCKS, labels: ["LOCATION_WITHHELD"] } }, "GP-REFUGE-2"));
    const seen = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(seen!.demographics.addresses.length).toBeGreaterThan(0);
    for (const address of seen!.demographics.addresses) expect(address).toMatchObject({ kind: null, line1: null, postcode: null, withheld: true });
    for (const hidden of ["HP22 7QQ", "Linden", "REFUGE", "TEMPORARY"]) expect(JSON.stringify(seen!.demographics)).not.toContain(hidden);
  });
});

describe("a refuge decides no one's relationship with the child (design principle 8)", () => {
  // Devon holds a protection plan; the police report the child's home in Buckinghamshire; the GP, in a
  // record labelled LOCATION_WITHHELD, a home since then in a Lincolnshire refuge.
  const childSui = next();
  const notHeld = next();
  const child = { sui: childSui, givenNames: "Wenna", familyName: "Polglase", dateOfBirth: "2014-02-14", sex: "FEMALE" };
  beforeAll(async () => {
    await submit("CHILDRENS_SOCIAL_CARE", csc(child, "DEVON-CP-REFUGE-1", { status: "CHILD_PROTECTION_PLAN", planCategory: "EMOTIONAL_ABUSE", responsibleLocalAuthority: DEVON }, { agencyCode: DEVON_CSC.code }), DEVON);
    await submit("POLICE", police({ ...child, address: home("5 Fore Street", "HP20 5FS", BUCKS, { validFrom: "2024-01-01" }) }, "TVP-REFUGE-REL-1"));
    await submit("HEALTH", gp({ ...child, address: home("Harbour View", "LN9 6HV", LINCS, { validFrom: "2026-09-01" }) }, "GP-REFUGE-REL-1", "GP-K99001", { labels: ["LOCATION_WITHHELD"] }));
  });

  async function answerAndEntry(caller: TestClaims, askedSui: string) {
    const body = (await hub.graphql(CHILD_QUERY, { sui: askedSui, access: access("SECTION_47_ENQUIRY") }, await hub.token(caller))).body;
    const [entry] = await hub.hub.database.dataSource.getRepository(DisclosureAuditEntry).find({ where: { principalSub: caller.sub }, order: { occurredAt: "DESC", sequence: "DESC" }, take: 1 });
    return { body, entry };
  }

  it("gives the refuge's council, holding nothing, what a stranger to the child gets: the answer for a child the hub does not hold", async () => {
    const refugeCouncil = await answerAndEntry(CALLERS.lincolnshireSocialWorker, childSui);
    expect(refugeCouncil.body).toEqual((await answerAndEntry(CALLERS.lincolnshireSocialWorker, notHeld)).body);
    expect(refugeCouncil.body).toEqual({ data: { child: null } });
    expect(refugeCouncil.entry.fieldsDisclosed).toEqual([]);
    expect(new Set(refugeCouncil.entry.fieldsWithheld.map((withheld) => withheld.rule))).toEqual(new Set(["no-legitimate-relationship"]));
  });

  it("keeps the relationship of the council where the child's home is known", async () => {
    const seen = await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"));
    expect(seen!.relationships).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(seen!.safeguardingStatuses).toEqual(["CHILD_PROTECTION_PLAN"]);
  });
});

describe("a record labelled LOCATION_WITHHELD as a whole withholds where the child is, not the record", () => {
  const childSui = next();
  const placed = { sui: childSui, givenNames: "Kerensa", familyName: "Trevail", dateOfBirth: "2012-06-06", sex: "FEMALE", address: { kind: "PLACEMENT", line1: "1 Sheltered Row", postcode: "LN5 5SR", localAuthority: LINCS } };
  beforeAll(async () => {
    await submit("CHILDRENS_SOCIAL_CARE", csc(placed, "CSC-PLACED-WHOLE-1", { status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", allocatedTeam: "North Safeguarding" }, { labels: ["LOCATION_WITHHELD"] }));
    await submit("EDUCATION", school({ ...placed, address: undefined }, "UPN-PLACED-WHOLE-1"));
  });

  it("shows the school's DSL the plan and the worker's contact, and withholds the placement and its area", async () => {
    const child = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(child!.socialCare).toEqual([expect.objectContaining({ status: "CHILD_PROTECTION_PLAN", planCategory: "NEGLECT", allocatedWorkerContact: "sam.worker@bucks.example", allocatedTeam: "North Safeguarding" })]);
    expect(child!.safeguardingStatuses).toEqual(["CHILD_PROTECTION_PLAN"]);
    expect(child!.demographics.localAuthority).toBeNull();
    expect(child!.demographics.addresses).toEqual([expect.objectContaining({ line1: null, postcode: null, withheld: true })]);
    const locationRules = (child!.redactions as { path: string; rule: string }[]).filter((redaction) => redaction.rule === "location-withheld").map((redaction) => redaction.path);
    expect(locationRules.sort()).toEqual([`demographics.addresses[${child!.demographics.addresses[0].id}]`, "demographics.localAuthority"].sort());
    for (const hidden of ["LN5 5SR", "Sheltered", LINCS]) expect(JSON.stringify(child)).not.toContain(hidden);
  });
});

describe("an address two records report, one of them sealed", () => {
  const childSui = next();
  const child = { sui: childSui, givenNames: "Ebba", familyName: "Marchbank", dateOfBirth: "2012-08-08", sex: "FEMALE" };
  let sealedRecordId: string;

  beforeAll(async () => {
    // The school knows only the street; the sealed record adds the flat, the town and another council.
    await submit("EDUCATION", school({ ...child, address: { kind: "HOME", line1: "21 Kiln Street", postcode: "HP20 9KS" } }, "UPN-SHARED-1"));
    const sealed = { ...child, address: { kind: "HOME", line1: "21 Kiln Street", line2: "Flat 3", town: "Gainsthorpe", postcode: "HP20 9KS", localAuthority: LINCS, validFrom: "2026-10-01" } };
    sealedRecordId = (await submit("POLICE", police(sealed, "LP-SHARED-SEALED", "POLICE-32", { labels: ["SEALED"] }), LINCS)).recordId;
  });

  it("shows a caller who sees only the other record none of the sealed record's details", async () => {
    const seen = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(seen!.demographics.addresses).toEqual([{ id: expect.any(String), kind: "HOME", line1: "21 Kiln Street", line2: null, town: null, postcode: "HP20 9KS", localAuthority: null, validFrom: null, withheld: false }]);
    expect(seen!.demographics.localAuthority).toBeNull();
    for (const hidden of ["Flat 3", "Gainsthorpe", LINCS, "2026-10-01", sealedRecordId]) expect(JSON.stringify(seen)).not.toContain(hidden);
  });

  it("shows the force that sealed it the address as it reported it, beside the school's", async () => {
    const seen = await ask(LINCS_POLICE, childSui, access("STRATEGY_DISCUSSION", "LAW_ENFORCEMENT"));
    expect(seen!.demographics.addresses).toEqual(expect.arrayContaining([
      expect.objectContaining({ line1: "21 Kiln Street", line2: "Flat 3", town: "Gainsthorpe", localAuthority: LINCS, validFrom: "2026-10-01" }),
    ]));
  });
});

describe("a record's own labels travel with what it reported", () => {
  const childSui = next();
  const child = { sui: childSui, givenNames: "Orrin", familyName: "Blakemore", dateOfBirth: "2011-11-03", sex: "MALE", address: home("14 Tanner Row", "HP20 6TR", BUCKS) };

  beforeAll(async () => {
    await submit("CHILDRENS_SOCIAL_CARE", csc(child, "CSC-LABEL-1"));
    // Police intelligence under DPA 2018 Part 3: the whole record is law-enforcement information, the name and address it knows the child by too.
    const known = { ...child, givenNames: "Jax", familyName: "Trill", address: home("2 Foundry Yard", "HP19 3FY", BUCKS, { validFrom: "2026-11-01" }) };
    await submit("POLICE", police(known, "TVP-LABEL-1", "POLICE-43", { labels: ["LAW_ENFORCEMENT"] }));
  });

  it("reaches no caller from whom the record's content is withheld", async () => {
    const seen = await ask(CALLERS.socialWorker, childSui, access("CHILD_IN_NEED_ASSESSMENT"));
    expect(seen!.police).toHaveLength(1);
    expect(seen!.police[0].incidentType).toBeNull();
    expect(seen!.demographics.aliases).toEqual([]);
    expect(seen!.demographics.addresses.map((a: { line1: string }) => a.line1)).toEqual(["14 Tanner Row"]);
    for (const hidden of ["Jax", "Trill", "Foundry", "HP19 3FY"]) expect(JSON.stringify(seen)).not.toContain(hidden);
  });

  it("reaches a caller the record's content reaches", async () => {
    const seen = await ask(CALLERS.socialWorker, childSui, access("SECTION_47_ENQUIRY"));
    expect(seen!.police[0].incidentType).toBe("CHILD_CONCERN");
    expect(seen!.demographics.aliases).toEqual(["Jax Trill"]);
    expect(seen!.demographics.addresses.map((a: { line1: string }) => a.line1)).toEqual(["14 Tanner Row", "2 Foundry Yard"]);
  });
});

describe("redaction paths name records by identity (design principle 5)", () => {
  it("leave no gap where a sealed record sits, and never name it", async () => {
    const childSui = next();
    const child = { sui: childSui, givenNames: "Rhoswen", familyName: "Talbot", dateOfBirth: "2014-04-04", sex: "FEMALE", address: home("8 Beck Lane", "HP20 4LM", BUCKS) };
    const sealed = await submit("POLICE", police(child, "TVP-PATH-SEALED", "POLICE-43", { labels: ["SEALED"] }));
    await submit("POLICE", police(child, "TVP-PATH-OPEN"));
    await submit("EDUCATION", school(child, "UPN-PATH-1"));
    const seen = await ask(CALLERS.schoolDsl, childSui, access("STRATEGY_DISCUSSION"));
    expect(seen!.police).toHaveLength(1);
    const paths: string[] = seen!.redactions.map((r: { path: string }) => r.path);
    expect(paths.filter((path) => /\[\d+\]/.test(path))).toEqual([]);
    const shownIds = new Set([...seen!.police, ...seen!.education].map((record: { recordId: string }) => record.recordId));
    const named = paths.filter((path) => !path.startsWith("demographics.")).map((path) => /\[([^\]]+)\]/.exec(path)?.[1]);
    expect(named.every((id) => id !== undefined && shownIds.has(id))).toBe(true);
    expect(JSON.stringify(seen)).not.toContain(sealed.recordId);
    // Nor does the trail of the read, which every IG lead may search and export.
    const [entry] = await hub.hub.database.dataSource.query<Record<string, unknown>[]>(`SELECT * FROM disclosure_audit WHERE id = $1`, [seen!.disclosureId]);
    expect(entry).toBeDefined();
    expect(JSON.stringify(entry)).not.toContain(sealed.recordId);
  });
});
