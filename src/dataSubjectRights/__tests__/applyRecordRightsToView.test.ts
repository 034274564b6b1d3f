import { type AccessContext } from "../../policy/AccessContext";
import { NOTIFICATION_FIELDS } from "../../policy/notificationFields";
import { RECORD_FACTS_IN_VIEW } from "../../policy/recordFactsInView";
import { RECORD_FIELDS } from "../../records/recordFields";
import { applyRecordRightsToView } from "../applyRecordRightsToView";
import { eraseFromView } from "../eraseFromView";
import { type DataSubjectRightsRule } from "../DataSubjectRightsPolicy";
import { type ProcessingRestriction } from "../RecordRights";
import { type RightsOverRecords } from "../rightsOverRecords";

const RULE = { id: "data-subject-rights" } as DataSubjectRightsRule;
const TRIAGE: AccessContext = { purpose: "REFERRAL_TRIAGE", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: null, justification: "", caseReference: null, breakGlass: false };
const RECORD = "11111111-1111-4111-8111-111111111111";
const VIEW = { pprc: { pprcStatus: "CONFIRMED", prisonerGivenNames: "Ansel" }, childrenAtRisk: [{ sui: "9990072035", givenNames: "Maren" }] };
const at = new Date("2026-12-01T10:00:00Z");

const restriction = (field: string | null, allowedPurposes: ProcessingRestriction["allowedPurposes"] = []): ProcessingRestriction => ({
  id: `r-${field}`, recordId: RECORD, field, kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS", allowedPurposes, restrictedAt: at,
});
const over = (parts: Partial<RightsOverRecords["rights"]> & { erased?: RightsOverRecords["erased"] }): RightsOverRecords => ({
  rights: { statements: parts.statements ?? [], restrictions: parts.restrictions ?? [] }, erased: parts.erased ?? [], paths: new Map([[RECORD, `prison[${RECORD}]`]]),
});
const apply = (rights: RightsOverRecords, withheld: string[] = []) => applyRecordRightsToView(RULE, TRIAGE, rights, [RECORD], VIEW, withheld);

describe("a view told from agency records, held to the rights over them", () => {
  it("withholds a restricted fact by its field's name, wherever the view carries it", () => {
    const applied = apply(over({ restrictions: [restriction("pprcStatus")] }));
    expect(applied.view).toEqual({ pprc: { prisonerGivenNames: "Ansel" }, childrenAtRisk: VIEW.childrenAtRisk });
    expect(applied.withheld).toEqual([expect.objectContaining({ path: "pprc.pprcStatus", rule: "data-subject-rights" })]);
  });

  it("shows a fact restricted for other purposes than the view's, saying so", () => {
    const applied = apply(over({ restrictions: [restriction("pprcStatus", ["REFERRAL_TRIAGE"])] }));
    expect(applied.view).toEqual(VIEW);
    expect(applied.restrictions).toEqual([{ path: `prison[${RECORD}].pprcStatus`, kind: "RESTRICTION", ground: "NEEDED_FOR_LEGAL_CLAIMS", since: at }]);
  });

  it("withholds everything for a right over a fact the view may hold under another name, never too little", () => {
    const applied = apply(over({ erased: [{ recordId: RECORD, field: "prisoner" }] }));
    expect(applied.view).toEqual({ pprc: {} });
    expect(applied.withheld.map((withholding) => withholding.path)).toEqual(["pprc.pprcStatus", "pprc.prisonerGivenNames", "childrenAtRisk[0].sui", "childrenAtRisk[0].givenNames"]);
  });

  it("leaves the view as it is for a right over a fact it was decided not to show", () => {
    expect(apply(over({ restrictions: [restriction("mappaCategory")] }), ["pprc.mappaCategory"]).view).toEqual(VIEW);
  });

  it("carries a statement beside a fact still shown, never beside one erased", () => {
    const statement = { id: "s-1", recordId: RECORD, field: "pprcStatus", statement: "The prisoner disputes the status.", agencyCode: "HMP-EXAMPLETON", attachedAt: at };
    expect(apply(over({ statements: [statement] })).statementIds).toEqual(["s-1"]);
    const erased = apply(over({ statements: [statement], erased: [{ recordId: RECORD, field: "pprcStatus" }] }));
    expect(erased.statements).toEqual([]);
    expect(erased.view.pprc).toEqual({ prisonerGivenNames: "Ansel" });
  });
});

describe("a stored view with a fact erased from it", () => {
  const DECISION = "22222222-2222-4222-8222-222222222222";

  it("keeps the fact's field and replaces each of its values by the tombstone, and is held as the view was", () => {
    const erased = eraseFromView(VIEW, [], "pprcStatus", DECISION);
    expect(erased).toEqual({ ...VIEW, pprc: { pprcStatus: { erasedBy: DECISION }, prisonerGivenNames: "Ansel" } });
    const rights = over({ erased: [{ recordId: RECORD, field: "pprcStatus" }] });
    expect(applyRecordRightsToView(RULE, TRIAGE, rights, [RECORD], erased!, [])).toEqual(apply(rights));
  });

  it("tombstones every value for a fact the view may hold under another name, and nothing for one it withheld", () => {
    const erased = eraseFromView(VIEW, [], "prisoner", DECISION);
    expect(JSON.stringify(erased)).not.toMatch(/CONFIRMED|Ansel|Maren|9990072035/);
    const rights = over({ erased: [{ recordId: RECORD, field: "prisoner" }] });
    expect(applyRecordRightsToView(RULE, TRIAGE, rights, [RECORD], erased!, [])).toEqual(apply(rights));
    expect(eraseFromView(VIEW, ["pprc.mappaCategory"], "mappaCategory", DECISION)).toBeNull();
    expect(eraseFromView(erased!, [], "pprcStatus", "another decision")).toBeNull();
  });
});

describe("a view whose kind says which record fact each field carries", () => {
  const ANSWER = { enquiryResponse: { enquiryReference: "PDU-ENQ-1", response: "Known to us." }, children: [{ sui: "9990072035", givenNames: "Maren", relationshipToOffender: "FATHER" }] };
  const DECLARED = RECORD_FACTS_IN_VIEW.SAFEGUARDING_ENQUIRY_RESPONSE;
  const answerOver = (parts: Parameters<typeof over>[0]) => ({ ...over(parts), paths: new Map([[RECORD, `probation[${RECORD}]`]]) });
  const held = (rights: RightsOverRecords) => applyRecordRightsToView(RULE, TRIAGE, rights, [RECORD], ANSWER, [], DECLARED);

  it("leaves the view whole for a right over a fact it does not carry", () => {
    const statement = { id: "s-2", recordId: RECORD, field: "supervisionEndDate", statement: "Supervision ends a year earlier.", agencyCode: "PDU-BUCKS", attachedAt: at };
    const applied = held(answerOver({ restrictions: [restriction("riskManagementSummary")], statements: [statement], erased: [{ recordId: RECORD, field: "offenderManagerContact" }] }));
    expect(applied).toMatchObject({ view: ANSWER, withheld: [], restrictions: [], statements: [] });
    expect(eraseFromView(ANSWER, [], "offenderManagerContact", "d-1", DECLARED)).toBeNull();
  });

  it("withholds only the fields carrying a restricted or erased fact, and everything for a right over the whole record", () => {
    expect(held(answerOver({ restrictions: [restriction("offender")] }))).toMatchObject({
      view: { ...ANSWER, children: [{ sui: "9990072035", givenNames: "Maren" }] }, withheld: [expect.objectContaining({ path: "children[0].relationshipToOffender" })],
    });
    expect(eraseFromView(ANSWER, [], "offender", "d-1", DECLARED)).toEqual({ ...ANSWER, children: [{ ...ANSWER.children[0], relationshipToOffender: { erasedBy: "d-1" } }] });
    expect(held(answerOver({ restrictions: [restriction(null)] })).view).toEqual({ enquiryResponse: {} });
  });

  it("names only fields of the notification catalogue and facts of the record type", () => {
    const notificationFields = new Set(Object.values(NOTIFICATION_FIELDS).flatMap((fields) => Object.keys(fields)));
    for (const declared of Object.values(RECORD_FACTS_IN_VIEW)) {
      for (const [viewField, fact] of Object.entries(declared.fields)) {
        expect([viewField, notificationFields.has(viewField), Object.hasOwn(RECORD_FIELDS[declared.recordType], fact)]).toEqual([viewField, true, true]);
      }
    }
  });
});
