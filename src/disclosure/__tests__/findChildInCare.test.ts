import { HubError } from "../../errors/HubError";
import { syntheticNhsNumbers } from "../../identity/nhsNumber";
import { type Principal } from "../../auth/Principal";
import { findChildInCare } from "../findChildInCare";
import { recordDecisionNotToShare, type DecisionNotToShare } from "../recordDecisionNotToShare";
import { CALLER, childOf, openDisclosureDatabase, practitioner, type DisclosureDatabase } from "./disclosureDatabase";

/**
 * The child a practitioner records a decision about (`findChildInCare`), and the decision not to share
 * recorded on the audit (`recordDecisionNotToShare`), on a migrated database: found only by an agency
 * with a relationship the data founds, otherwise the answer a missing child gets.
 */
let db: DisclosureDatabase;
const suis = syntheticNhsNumbers(873_000);
const ELOWEN = suis.next().value as string;
const SEALED_ONLY_DOB = suis.next().value as string;
const UNBORN = suis.next().value as string;
const NOBODY = suis.next().value as string;
const LOWENNA = suis.next().value as string;
const NO_ADDRESS = suis.next().value as string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await openDisclosureDatabase();
  ids.elowenCsc = (await db.submit({
    agencyCode: "LA-E06000060", agencyReference: "CSC-DB-ELOWEN", child: childOf(ELOWEN, "Elowen", "Treharne", "2011-12-31"),
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-02-01", responsibleLocalAuthority: "E06000060" },
  })).recordId;
  // The police sealed their record of her; the GP reports another date of birth.
  const sealed = childOf(SEALED_ONLY_DOB, "Tamsin", "Kernow", "2013-05-05");
  ids.sealed = (await db.submit({
    agencyCode: "POLICE-43", agencyReference: "TVP-DB-TAMSIN", child: sealed, labels: ["SEALED"],
    police: { incidentType: "CHILD_CONCERN", childRole: "WITNESS", reportedOn: "2026-04-01" },
  })).recordId;
  ids.gp = (await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-TAMSIN", child: { ...sealed, dateOfBirth: "2013-05-15" },
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2013-06-01" },
  })).recordId;
  ids.unborn = (await db.submit({
    agencyCode: "TRUST-RX1", agencyReference: "MAT-DB-KERNOW", child: { sui: UNBORN, givenNames: "Baby", familyName: "Kernow", expectedDateOfBirth: "2027-02-14", sex: "NOT_KNOWN" },
    health: { namedProfessionalName: "Midwife Example" },
  })).recordId;
  // Known to a Lincolnshire authority only, living there.
  await db.submit({
    agencyCode: "LA-E10000019", agencyReference: "CSC-DB-LOWENNA", child: childOf(LOWENNA, "Lowenna", "Pascoe", "2012-08-08", { address: { kind: "HOME", line1: "4 Fen Road", postcode: "LN2 1AB", localAuthority: "E10000019" } }),
    socialCare: { status: "CHILD_IN_NEED", startDate: "2026-03-01", responsibleLocalAuthority: "E10000019" },
  });
  // Known to the GP only, with no address: where the child lives is not known.
  await db.submit({
    agencyCode: "GP-K99001", agencyReference: "GP-DB-NOADDRESS", child: childOf(NO_ADDRESS, "Kerensa", "Opie", "2014-04-04", { address: null }),
    health: { gpPracticeCode: "K99001", gpPracticeName: "Example Vale Surgery", registeredOn: "2014-05-01" },
  });
}, 120_000);

afterAll(async () => db.close());

async function refusalOf(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("findChildInCare", () => {
  test("the child, for an agency the data relates to them, with the date of birth its view supports", async () => {
    const found = await findChildInCare(db.dataSource, CALLER.socialWorker, ELOWEN, db.policy);
    expect(found.child).toMatchObject({ sui: ELOWEN, givenNames: "Elowen", familyName: "Treharne", dateOfBirth: "2011-12-31" });
    expect(found.dateOfBirth).toBe("2011-12-31");
  });

  // A MASH practitioner's case reference is no relationship here: a decision is recorded against the data, not a claim.
  test("a child the hub does not hold, and one the caller's agency has no relationship with, get the same NOT_FOUND", async () => {
    for (const [principal, sui] of [[CALLER.socialWorker, NOBODY], [CALLER.lincolnshire, ELOWEN], [CALLER.police, ELOWEN], [CALLER.mash, LOWENNA], [CALLER.mash, NO_ADDRESS]] as [Principal, string][]) {
      const error = await refusalOf(findChildInCare(db.dataSource, principal, sui, db.policy));
      expect(error.code).toBe("NOT_FOUND");
      expect(error.message).toBe("No child with this SUI is known to your agency.");
      expect(error.details).toEqual({ path: "sui" });
    }
  });

  test("an SUI that is not an NHS number: INVALID_SUI at sui", async () => {
    const error = await refusalOf(findChildInCare(db.dataSource, CALLER.socialWorker, "99900000", db.policy));
    expect(error.code).toBe("INVALID_SUI");
    expect(error.details).toMatchObject({ path: "sui" });
  });

  test("a date of birth only a sealed record reports is not another agency's, but is the agency's that sealed it", async () => {
    expect((await findChildInCare(db.dataSource, CALLER.gp, SEALED_ONLY_DOB, db.policy)).dateOfBirth).toBe("2013-05-15");
    const police = await findChildInCare(db.dataSource, CALLER.police, SEALED_ONLY_DOB, db.policy);
    expect(police.dateOfBirth).toBe("2013-05-05");
    expect(police.child.sui).toBe(SEALED_ONLY_DOB);
  });

  test("an unborn child has no date of birth: the expected one is not one", async () => {
    const found = await findChildInCare(db.dataSource, CALLER.hospital, UNBORN, db.policy);
    expect(found.child.expectedDateOfBirth).toBe("2027-02-14");
    expect(found.dateOfBirth).toBeNull();
  });
});

describe("recordDecisionNotToShare", () => {
  const decision = (parts: Partial<DecisionNotToShare> = {}): DecisionNotToShare => ({
    purpose: "STRATEGY_DISCUSSION", recipientAgencyType: "EDUCATION", reason: "  Telling the school now would alert the household to the enquiry.  ", ...parts,
  });

  test("is an audit entry of outcome NOT_SHARED about the child, with the reasons as the justification and whom it was not shared with", async () => {
    const receipt = await recordDecisionNotToShare(db.dataSource, CALLER.socialWorker, "req-nts-1", db.policy, ELOWEN, decision({ recipientAgencyCode: "SCH-199001", caseReference: "  CP-DB-0042 " }));
    const entry = await db.auditEntry(receipt.id);
    expect(entry).toMatchObject({
      requestId: "req-nts-1", operation: "DECISION_NOT_TO_SHARE", outcome: "NOT_SHARED", childSuis: [ELOWEN], principalSub: CALLER.socialWorker.sub,
      purpose: "STRATEGY_DISCUSSION", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
      justification: "Telling the school now would alert the household to the enquiry.", caseReference: "CP-DB-0042", breakGlass: false,
      policyVersion: db.policy.version, fieldsDisclosed: [], fieldsWithheld: [], refusalCode: null,
    });
    expect(entry.details).toEqual({ recipientAgencyType: "EDUCATION", recipientAgencyCode: "SCH-199001" });
    expect(receipt.sequence).toBe(entry.sequence);
  });

  test("a blank case reference and no recipient agency are recorded as none", async () => {
    const receipt = await recordDecisionNotToShare(db.dataSource, CALLER.socialWorker, "req-nts-2", db.policy, ELOWEN, decision({ caseReference: "   " }));
    const entry = await db.auditEntry(receipt.id);
    expect(entry.caseReference).toBeNull();
    expect(entry.details).toEqual({ recipientAgencyType: "EDUCATION", recipientAgencyCode: null });
  });

  test("no case reference given: none recorded", async () => {
    const receipt = await recordDecisionNotToShare(db.dataSource, CALLER.socialWorker, "req-nts-4", db.policy, ELOWEN, decision());
    expect((await db.auditEntry(receipt.id)).caseReference).toBeNull();
  });

  test.each([
    ["an agency the directory does not hold", "POLICE-999", "POLICE", "RECIPIENT_NOT_IN_DIRECTORY"],
    ["an agency the directory holds as no longer active", "SCH-199999", "EDUCATION", "RECIPIENT_NOT_IN_DIRECTORY"],
    ["text that is no directory code at all", "the police, probably", "POLICE", "RECIPIENT_NOT_IN_DIRECTORY"],
    ["an agency of another type than the one stated (a school, stated as police)", "SCH-199001", "POLICE", "RECIPIENT_NOT_OF_STATED_TYPE"],
  ] as const)("refuses %s as the recipient, INVALID_INPUT at decision.recipientAgencyCode, and records nothing", async (_what, code, type, problem) => {
    const requestId = `req-nts-recipient-${code}`;
    const error = await refusalOf(recordDecisionNotToShare(db.dataSource, CALLER.socialWorker, requestId, db.policy, ELOWEN, decision({ recipientAgencyType: type, recipientAgencyCode: code })));
    expect([error.code, error.details]).toEqual(["INVALID_INPUT", { path: "decision.recipientAgencyCode", problem }]);
    expect(await db.auditByRequest(requestId)).toEqual([]);
  });

  test("about a child the caller's agency is not involved with: NOT_FOUND, and nothing recorded", async () => {
    const stranger = practitioner("sw-db-stranger", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019");
    const error = await refusalOf(recordDecisionNotToShare(db.dataSource, stranger, "req-nts-3", db.policy, ELOWEN, decision()));
    expect(error.code).toBe("NOT_FOUND");
    expect(error.details).toEqual({ path: "sui" });
    expect(await db.auditByRequest("req-nts-3")).toEqual([]);
  });
});
