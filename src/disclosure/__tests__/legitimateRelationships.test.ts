import { type Principal } from "../../auth/Principal";
import { type AgencyType } from "../../directory/AgencyType";
import { type RecordedAddress } from "../../people/identityFacts";
import { type AccessContext } from "../../policy/AccessContext";
import { loadPolicies } from "../../policy/loadPolicies";
import { editFixture, writePolicyDir } from "../../policy/__tests__/policyFixture";
import { type RecordType } from "../../records/RecordType";
import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { type ChildFile, type LoadedRecord } from "../ChildFile";
import { legitimateRelationships } from "../legitimateRelationships";
import { residenceToldBy } from "../residenceToldBy";
import { agency, childFile, loaded } from "./childFileFixture";

// The policy fixture: every record type's involvement ends 30 days after its last date field
// (SOCIAL_CARE `endDate`, HEALTH `deregisteredOn`, PROBATION `supervisionEndDate`, …).
const policy = loadPolicies(writePolicyDir());
const now = new Date("2026-11-15T12:00:00Z");
const HERE = "E06000060";
const ELSEWHERE = "E10000008";

function caller(agencyType: AgencyType, code: string, roles: Principal["roles"] = ["SOCIAL_WORKER"]): Principal {
  return { sub: `${code}-user`, name: "A Practitioner", agency: code, agencyType, roles, localAuthority: HERE, team: null, tokenId: null };
}
const socialWorker = caller("CHILDRENS_SOCIAL_CARE", "LA-HERE");
const mashPractitioner = caller("CHILDRENS_SOCIAL_CARE", "LA-HERE", ["MASH_PRACTITIONER"]);
const probationOfficer = caller("PROBATION", "PROB-1", ["PROBATION_PRACTITIONER"]);

const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null,
  justification: "Section 47 enquiry after a referral", caseReference: null, breakGlass: false,
};

function held(type: RecordType, id: string, holder: string, details: Record<string, unknown> = {}, labels: SensitivityLabel[] = [], linkMethod: "SUI" | "MANUAL" | "PROBABILISTIC" = "SUI"): LoadedRecord {
  return loaded(type, id, details, { labels, linkMethod }, agency(type === "SOCIAL_CARE" ? "CHILDRENS_SOCIAL_CARE" : type, holder));
}

function home(id: string, sourceRecordId: string, localAuthority: string | null, validFrom = "2025-01-01"): RecordedAddress {
  return {
    id, kind: "HOME", line1: `${id} Road`, line2: null, town: "Town", postcode: "AB1 2CD", localAuthority, labels: [], validFrom,
    firstReportedAt: new Date(`${validFrom}T00:00:00Z`), sourceRecordId,
  };
}

function fileOf(records: LoadedRecord[], addresses: RecordedAddress[] = [], parts: Partial<ChildFile> = {}): ChildFile {
  const file = childFile(records, parts);
  return { ...file, identity: { ...file.identity, addresses } };
}

const relationships = (file: ChildFile | null, principal: Principal, openCaseReference = false, context: Partial<AccessContext> = {}) =>
  legitimateRelationships(file, principal, { ...access, ...context }, { policy, now, openCaseReference });

describe("legitimateRelationships: what the hub holds, never what the caller claims", () => {
  test("break-glass is a relationship only when asked for", () => {
    const file = fileOf([]);
    expect(relationships(file, socialWorker, false, { breakGlass: true })).toEqual(["BREAK_GLASS"]);
    expect(relationships(null, socialWorker, false, { breakGlass: true })).toEqual(["BREAK_GLASS"]);
    expect(relationships(file, socialWorker)).toEqual([]);
  });

  test("a child the hub does not hold: only a MASH practitioner's open case reference, or break-glass", () => {
    expect(relationships(null, mashPractitioner, true)).toEqual(["MASH_CASE"]);
    expect(relationships(null, mashPractitioner, false)).toEqual([]);
    expect(relationships(null, socialWorker, true)).toEqual([]);
  });

  test("the caller's own current record founds AGENCY_INVOLVED; another agency's does not", () => {
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-1")]), caller("HEALTH", "GP-1", ["HEALTH_PRACTITIONER"]))).toEqual(["AGENCY_INVOLVED"]);
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-2")]), caller("HEALTH", "GP-1", ["HEALTH_PRACTITIONER"]))).toEqual([]);
  });

  test("a record linked by the matcher alone founds nothing; one linked by a steward does", () => {
    const gp = caller("HEALTH", "GP-1", ["HEALTH_PRACTITIONER"]);
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-1", {}, [], "PROBABILISTIC")]), gp)).toEqual([]);
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-1", {}, [], "MANUAL")]), gp)).toEqual(["AGENCY_INVOLVED"]);
  });

  test("a record whose involvement has lapsed founds nothing; one still within the lapse does", () => {
    const gp = caller("HEALTH", "GP-1", ["HEALTH_PRACTITIONER"]);
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-1", { deregisteredOn: "2026-09-01" })]), gp)).toEqual([]);
    expect(relationships(fileOf([held("HEALTH", "h1", "GP-1", { deregisteredOn: "2026-11-01" })]), gp)).toEqual(["AGENCY_INVOLVED"]);
  });
});

describe("legitimateRelationships: the responsible local authority", () => {
  test("a current case naming the caller's authority, even another team's", () => {
    const file = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" })]);
    expect(relationships(file, socialWorker)).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(relationships(fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: ELSEWHERE, status: "CHILD_IN_NEED" })]), socialWorker)).toEqual([]);
  });

  test("only children's social care is made responsible", () => {
    const file = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" })], [home("a1", "sc1", HERE)]);
    expect(relationships(file, caller("EDUCATION", "SCH-1", ["SCHOOL_DSL"]), true)).toEqual([]);
  });

  test("a closed case that has lapsed makes no one responsible", () => {
    const file = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CLOSED", endDate: "2026-06-01" })]);
    expect(relationships(file, socialWorker)).toEqual([]);
  });

  test("another agency's sealed or brokered case makes no one responsible; the caller's own does", () => {
    for (const label of ["SEALED", "BROKERED"] as const) {
      const others = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" }, [label])]);
      expect(relationships(others, socialWorker)).toEqual([]);
      const own = fileOf([held("SOCIAL_CARE", "sc1", "LA-HERE", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" }, [label])]);
      expect(relationships(own, socialWorker)).toEqual(["AGENCY_INVOLVED", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    }
  });

  test("living in the area: responsible when the caller's case reference names an open referral", () => {
    const file = fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", HERE)]);
    expect(relationships(file, socialWorker, true)).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(relationships(file, socialWorker, false)).toEqual([]);
  });

  test("living elsewhere: an open referral here does not make this authority responsible", () => {
    const file = fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", ELSEWHERE)]);
    expect(relationships(file, socialWorker, true)).toEqual([]);
  });

  test("living in the area under another authority's protection plan or care: responsible without a referral", () => {
    for (const status of ["CHILD_PROTECTION_PLAN", "LOOKED_AFTER"]) {
      const file = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: ELSEWHERE, status })], [home("a1", "sc1", HERE)]);
      expect(relationships(file, socialWorker)).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    }
    const inNeed = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: ELSEWHERE, status: "CHILD_IN_NEED" })], [home("a1", "sc1", HERE)]);
    expect(relationships(inNeed, socialWorker)).toEqual([]);
  });

  test("a plan that travels counts only when it is another agency's and not restricted", () => {
    const sealed = fileOf(
      [held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: ELSEWHERE, status: "CHILD_PROTECTION_PLAN" }, ["SEALED"]), held("EDUCATION", "e1", "SCH-1")],
      [home("a1", "e1", HERE)],
    );
    expect(relationships(sealed, socialWorker)).toEqual([]);
    const own = fileOf([held("SOCIAL_CARE", "sc1", "LA-HERE", { responsibleLocalAuthority: ELSEWHERE, status: "CHILD_PROTECTION_PLAN" })], [home("a1", "sc1", HERE)]);
    expect(relationships(own, socialWorker)).toEqual(["AGENCY_INVOLVED"]);
  });

  test("where the child lives is told only by current records that are not another agency's sealed or brokered ones", () => {
    const sealedHome = fileOf([held("HEALTH", "h1", "GP-1", {}, ["SEALED"]), held("EDUCATION", "e1", "SCH-1")], [home("a1", "h1", HERE)]);
    expect(relationships(sealedHome, socialWorker, true)).toEqual([]);
    const ownSealedHome = fileOf([held("HEALTH", "h1", "LA-HERE", {}, ["SEALED"])], [home("a1", "h1", HERE)]);
    expect(relationships(ownSealedHome, socialWorker, true)).toEqual(["AGENCY_INVOLVED", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    const lapsedHome = fileOf([held("HEALTH", "h1", "GP-1", { deregisteredOn: "2026-01-01" }), held("EDUCATION", "e1", "SCH-1")], [home("a1", "h1", HERE)]);
    expect(relationships(lapsedHome, socialWorker, true)).toEqual([]);
  });
});

describe("legitimateRelationships: a MASH practitioner's open referral", () => {
  test("counts for a child living here, or whose home the hub does not know", () => {
    expect(relationships(fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", HERE)]), mashPractitioner, true)).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(relationships(fileOf([held("EDUCATION", "e1", "SCH-1")]), mashPractitioner, true)).toEqual(["MASH_CASE"]);
    expect(relationships(fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", null)]), mashPractitioner, true)).toEqual(["MASH_CASE"]);
  });

  test("does not count without the MASH role, or without an open referral", () => {
    const file = fileOf([held("EDUCATION", "e1", "SCH-1")]);
    expect(relationships(file, mashPractitioner, false)).toEqual([]);
    expect(relationships(file, caller("CHILDRENS_SOCIAL_CARE", "LA-HERE", ["SOCIAL_WORKER", "CSC_MANAGER"]), true)).not.toContain("MASH_CASE");
  });

  test("does not count for the MASH role on another agency's token: the MASH is children's social care's (policies/roles.yaml)", () => {
    const mashHeldByCsc = loadPolicies(writePolicyDir(editFixture("roles.yaml", "MASH_PRACTITIONER: ANY", "MASH_PRACTITIONER: [CHILDRENS_SOCIAL_CARE]")));
    const file = fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", HERE)]);
    const mashCase = (principal: Principal, child: ChildFile | null) => legitimateRelationships(child, principal, access, { policy: mashHeldByCsc, now, openCaseReference: true }).includes("MASH_CASE");
    expect([null, file].map((child) => [mashCase(caller("EDUCATION", "SCH-1", ["MASH_PRACTITIONER"]), child), mashCase(caller("PRISON", "HMP-1", ["MASH_PRACTITIONER"]), child), mashCase(mashPractitioner, child)]))
      .toEqual([[false, false, true], [false, false, true]]);
  });

  test("does not count for a child living elsewhere with nothing tying them here", () => {
    expect(relationships(fileOf([held("EDUCATION", "e1", "SCH-1")], [home("a1", "e1", ELSEWHERE)]), mashPractitioner, true)).toEqual([]);
  });

  test("counts for a child living elsewhere whom the caller's agency holds, or whose case is this authority's", () => {
    const own = fileOf([held("HEALTH", "h1", "LA-HERE")], [home("a1", "h1", ELSEWHERE)]);
    expect(relationships(own, mashPractitioner, true)).toEqual(["MASH_CASE", "AGENCY_INVOLVED"]);
    const ourCase = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" })], [home("a1", "sc1", ELSEWHERE)]);
    expect(relationships(ourCase, mashPractitioner, true)).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
  });

  test("among other records: the caller's own, or a case of this authority, still ties a child living elsewhere here", () => {
    const own = fileOf([held("EDUCATION", "e1", "SCH-1"), held("HEALTH", "h1", "LA-HERE")], [home("a1", "e1", ELSEWHERE)]);
    expect(relationships(own, mashPractitioner, true)).toEqual(["MASH_CASE", "AGENCY_INVOLVED"]);
    const ourCase = fileOf(
      [held("EDUCATION", "e1", "SCH-1"), held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" })],
      [home("a1", "e1", ELSEWHERE)],
    );
    expect(relationships(ourCase, mashPractitioner, true)).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
  });

  test("another authority's case ties a child living elsewhere to that authority, not here", () => {
    const theirCase = fileOf([held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: ELSEWHERE, status: "CHILD_IN_NEED" })], [home("a1", "sc1", ELSEWHERE)]);
    expect(relationships(theirCase, mashPractitioner, true)).toEqual([]);
  });

  test("a sealed case of this authority, or a sealed home elsewhere, decides nothing", () => {
    const sealedCase = fileOf(
      [held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CHILD_IN_NEED" }, ["SEALED"]), held("EDUCATION", "e1", "SCH-1")],
      [home("a1", "e1", ELSEWHERE)],
    );
    expect(relationships(sealedCase, mashPractitioner, true)).toEqual([]);
    const sealedHome = fileOf([held("HEALTH", "h1", "GP-1", {}, ["SEALED"])], [home("a1", "h1", ELSEWHERE)]);
    expect(relationships(sealedHome, mashPractitioner, true)).toEqual(["MASH_CASE"]);
  });

  test("a case of this authority counts only while current, and only as a social care case", () => {
    const lapsed = fileOf(
      [held("SOCIAL_CARE", "sc1", "LA-OTHER", { responsibleLocalAuthority: HERE, status: "CLOSED", endDate: "2026-01-01" }), held("EDUCATION", "e1", "SCH-1")],
      [home("a1", "e1", ELSEWHERE)],
    );
    expect(relationships(lapsed, mashPractitioner, true)).toEqual([]);
    const notSocialCare = fileOf([held("YOUTH_JUSTICE", "y1", "YOT-1", { responsibleLocalAuthority: HERE })], [home("a1", "y1", ELSEWHERE)]);
    expect(relationships(notSocialCare, mashPractitioner, true)).toEqual([]);
  });
});

describe("legitimateRelationships: a protected location (a refuge, a placement) decides nothing", () => {
  // The child's home here, as the police report it; since then a refuge elsewhere, which another record withholds.
  const refuge = (sourceRecordId: string, labels: SensitivityLabel[] = []) => ({ ...home(`refuge-${sourceRecordId}`, sourceRecordId, ELSEWHERE, "2026-09-01"), postcode: "ZZ9 9ZZ", labels });
  const elsewhereSocialWorker = { ...socialWorker, agency: "LA-ELSEWHERE", localAuthority: ELSEWHERE };
  const elsewhereMash = { ...mashPractitioner, agency: "LA-ELSEWHERE", localAuthority: ELSEWHERE };
  const plan = held("SOCIAL_CARE", "sc1", "LA-THIRD", { responsibleLocalAuthority: "E10000019", status: "CHILD_PROTECTION_PLAN" });
  const policeHome = held("POLICE", "p1", "POLICE-1");
  const withheldBy = (labels: SensitivityLabel[], addressLabels: SensitivityLabel[] = []) => {
    const gp = held("HEALTH", "h1", "GP-1", {}, labels);
    return fileOf([plan, policeHome, gp], [home("a1", "p1", HERE, "2024-01-01"), refuge("h1", addressLabels)], {});
  };
  const cases = {
    "the refuge's own label": withheldBy([], ["LOCATION_WITHHELD"]),
    "the label of the record that reported it": withheldBy(["LOCATION_WITHHELD"]),
  };
  const withProtection = (file: ChildFile) => ({ ...file, identity: { ...file.identity, reports: [{ recordId: "h1", labels: file.records.HEALTH[0].record.labels, identity: {} }] } as unknown as ChildFile["identity"] });

  test.each(Object.entries(cases))("the refuge's authority is not made responsible under another's plan, nor its MASH's referral opened (%s)", (_, file) => {
    const protectedFile = withProtection(file);
    expect(relationships(protectedFile, elsewhereSocialWorker)).toEqual([]);
    expect(relationships(protectedFile, elsewhereSocialWorker, true)).toEqual([]);
    expect(relationships(protectedFile, elsewhereMash, true)).toEqual([]);
  });

  test.each(Object.entries(cases))("the authority of the home the hub may tell keeps its relationship, and its MASH its referral (%s)", (_, file) => {
    const protectedFile = withProtection(file);
    expect(relationships(protectedFile, socialWorker)).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
    expect(relationships(protectedFile, mashPractitioner, true)).toEqual(["MASH_CASE", "RESPONSIBLE_LOCAL_AUTHORITY"]);
  });

  test("the same place reported again without the label by another agency is still the refuge", () => {
    const school = held("EDUCATION", "e1", "SCH-1");
    const file = withProtection(fileOf([plan, policeHome, held("HEALTH", "h1", "GP-1"), school], [home("a1", "p1", HERE, "2024-01-01"), refuge("h1", ["LOCATION_WITHHELD"]), refuge("e1")]));
    expect(relationships(file, elsewhereSocialWorker)).toEqual([]);
    expect(relationships(file, socialWorker)).toEqual(["RESPONSIBLE_LOCAL_AUTHORITY"]);
  });
});

describe("legitimateRelationships: holding a linked adult", () => {
  const offender = held("PROBATION", "p1", "PROB-2");

  test("a prison or probation service holding the adult through a current record", () => {
    const file = fileOf([offender], [], { linkedAdultHolders: [{ agencyCode: "PROB-1", sourceRecordId: "p1", relationship: "FATHER" }] });
    expect(relationships(file, probationOfficer)).toEqual(["HOLDS_LINKED_ADULT"]);
    expect(relationships(file, caller("PRISON", "PROB-1", ["PRISON_OMU"]))).toEqual(["HOLDS_LINKED_ADULT"]);
  });

  test("one holding of the caller's among other agencies' is enough", () => {
    const file = fileOf([offender], [], { linkedAdultHolders: [{ agencyCode: "PROB-9", sourceRecordId: "p1", relationship: "FATHER" }, { agencyCode: "PROB-1", sourceRecordId: "p1", relationship: "FATHER" }] });
    expect(relationships(file, probationOfficer)).toEqual(["HOLDS_LINKED_ADULT"]);
  });

  test("not another agency's holding, nor through a record that has lapsed, nor for other agency types", () => {
    expect(relationships(fileOf([offender], [], { linkedAdultHolders: [{ agencyCode: "PROB-9", sourceRecordId: "p1", relationship: "FATHER" }] }), probationOfficer)).toEqual([]);
    const lapsed = held("PROBATION", "p1", "PROB-2", { supervisionEndDate: "2026-01-01" });
    expect(relationships(fileOf([lapsed], [], { linkedAdultHolders: [{ agencyCode: "PROB-1", sourceRecordId: "p1", relationship: "FATHER" }] }), probationOfficer)).toEqual([]);
    const school = caller("EDUCATION", "PROB-1", ["SCHOOL_DSL"]);
    expect(relationships(fileOf([offender], [], { linkedAdultHolders: [{ agencyCode: "PROB-1", sourceRecordId: "p1", relationship: "FATHER" }] }), school)).toEqual([]);
  });

  test("only while the holder's own record naming the adult is current: a supervision that ended holds nobody's children", () => {
    const own = (details: Record<string, unknown>) => ({ id: "own-1", recordType: "PROBATION" as const, updatedAt: new Date("2026-06-01T00:00:00Z"), details });
    const holding = (details: Record<string, unknown>) => fileOf([offender], [], { linkedAdultHolders: [{ agencyCode: "PROB-1", sourceRecordId: "p1", relationship: "FATHER", holderRecord: own(details) }] });
    expect(relationships(holding({ supervisionEndDate: null }), probationOfficer)).toEqual(["HOLDS_LINKED_ADULT"]);
    expect(relationships(holding({ supervisionEndDate: "2026-01-01" }), probationOfficer)).toEqual([]);
  });
});

describe("legitimateRelationships: working with an unborn child's mother", () => {
  const pregnancy = held("HEALTH", "h1", "GP-2");
  const unborn = (records: LoadedRecord[], holders: ChildFile["linkedAdultHolders"], reports: ChildFile["identity"]["reports"] = []) => {
    const file = fileOf(records, [], { linkedAdultHolders: holders });
    return { ...file, identity: { ...file.identity, usual: { givenNames: "Baby", familyName: "Larch", dateOfBirth: null, expectedDateOfBirth: "2027-02-14", sex: "NOT_KNOWN" as const }, reports } };
  };
  const midwife = caller("HEALTH", "GP-2", ["HEALTH_PRACTITIONER"]);
  const birthReported = (labels: SensitivityLabel[]) => ({ recordId: "h2", labels, identity: { dateOfBirth: "2027-02-10" } }) as unknown as ChildFile["identity"]["reports"][number];

  test("an agency whose current record names the child's mother works with her, before the birth", () => {
    expect(relationships(unborn([pregnancy], [{ agencyCode: "GP-2", sourceRecordId: "h1", relationship: "MOTHER" }]), midwife)).toEqual(["AGENCY_INVOLVED", "WORKS_WITH_MOTHER"]);
  });

  test("not through a father, another agency's mother, a lapsed record, or once the child is born", () => {
    expect(relationships(unborn([pregnancy], [{ agencyCode: "GP-2", sourceRecordId: "h1", relationship: "FATHER" }]), midwife)).toEqual(["AGENCY_INVOLVED"]);
    expect(relationships(unborn([pregnancy], [{ agencyCode: "GP-9", sourceRecordId: "h1", relationship: "MOTHER" }]), midwife)).toEqual(["AGENCY_INVOLVED"]);
    const lapsed = held("HEALTH", "h1", "GP-2", { deregisteredOn: "2026-01-01" });
    expect(relationships(unborn([lapsed], [{ agencyCode: "GP-2", sourceRecordId: "h1", relationship: "MOTHER" }]), midwife)).toEqual([]);
    const born = unborn([pregnancy], [{ agencyCode: "GP-2", sourceRecordId: "h1", relationship: "MOTHER" }], [birthReported([])]);
    expect(relationships(born, midwife)).toEqual(["AGENCY_INVOLVED"]);
  });

  test("a sealed record's date of birth does not make the child born for anyone else", () => {
    const sealedBirth = unborn([pregnancy], [{ agencyCode: "GP-2", sourceRecordId: "h1", relationship: "MOTHER" }], [birthReported(["SEALED"])]);
    expect(relationships(sealedBirth, midwife)).toEqual(["AGENCY_INVOLVED", "WORKS_WITH_MOTHER"]);
  });
});

describe("residenceToldBy", () => {
  test("the current residence among the addresses the chosen records reported, and none from the others", () => {
    const records = [held("EDUCATION", "e1", "SCH-1"), held("HEALTH", "h1", "GP-1")];
    const file = fileOf(records, [home("a1", "e1", HERE, "2025-01-01"), home("a2", "h1", ELSEWHERE, "2026-01-01")]);
    expect(residenceToldBy(file, records)?.id).toBe("a2");
    expect(residenceToldBy(file, [records[0]])?.id).toBe("a1");
    expect(residenceToldBy(file, [])).toBeNull();
  });
});

describe("residenceToldBy at a protected location", () => {
  const records = [held("EDUCATION", "e1", "SCH-1"), held("HEALTH", "h1", "GP-1"), held("HEALTH", "h2", "GP-2")];
  const at = (address: RecordedAddress, postcode: string, labels: SensitivityLabel[] = []): RecordedAddress => ({ ...address, postcode, labels });
  const school = at(home("a1", "e1", HERE, "2025-01-01"), "AB1 1AA");

  test("leaves out a protected location, though it is the latest", () => {
    const file = fileOf(records, [school, at(home("a2", "h1", ELSEWHERE, "2026-01-01"), "ZZ9 9ZZ", ["LOCATION_WITHHELD"])]);
    expect(residenceToldBy(file, records)?.id).toBe("a1");
  });

  test("a location is protected by any record of the child that withholds it, one the reader does not see included", () => {
    const refuge = at(home("a2", "h1", ELSEWHERE, "2026-01-01"), "ZZ9 9ZZ");
    const sameRefuge = at(home("a3", "p1", ELSEWHERE, "2026-02-01"), "ZZ9 9ZZ");
    const plain = fileOf(records, [school, refuge, sameRefuge]);
    const file: ChildFile = { ...plain, identity: { ...plain.identity, reports: [{ recordId: "p1", labels: ["LOCATION_WITHHELD"], identity: {} as never }] } };
    expect(residenceToldBy(file, records)?.id).toBe("a1");
  });

  test("only the addresses the chosen records reported: none from the others, protected or not", () => {
    const file = fileOf(records, [school, at(home("a2", "h1", ELSEWHERE, "2026-01-01"), "ZZ9 9ZZ", ["LOCATION_WITHHELD"]), at(home("a4", "h2", ELSEWHERE, "2026-03-01"), "YY1 1YY")]);
    expect(residenceToldBy(file, [records[0]])?.id).toBe("a1");
    expect(residenceToldBy(file, [records[1]])).toBeNull();
    expect(residenceToldBy(file, [])).toBeNull();
  });
});
