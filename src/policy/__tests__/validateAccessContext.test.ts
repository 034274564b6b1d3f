import { ErrorCode, HubError } from "../../errors/HubError";
import { type AccessContext } from "../AccessContext";
import { validateAccessContext } from "../validateAccessContext";

const access: AccessContext = {
  purpose: "SECTION_47_ENQUIRY", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: "Section 47 enquiry after a referral from school", caseReference: "CSC/2026/0147", breakGlass: false,
};

/** The HubError validating `input` raises (fails the test when it is accepted). */
function refusal(input: AccessContext): HubError {
  try {
    validateAccessContext(input);
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error("expected a HubError");
}

describe("validateAccessContext", () => {
  test("a well-formed context comes back as it was", () => {
    expect(validateAccessContext(access)).toEqual(access);
  });

  test("the justification is trimmed, and kept as the caller wrote it otherwise", () => {
    expect(validateAccessContext({ ...access, justification: "  Strategy  discussion today \n" }).justification).toBe("Strategy  discussion today");
  });

  test("a justification of 2000 characters is accepted, of 2001 refused with the path and the limit", () => {
    const longest = "j".repeat(2000);
    expect(validateAccessContext({ ...access, justification: ` ${longest} ` }).justification).toBe(longest);
    const error = refusal({ ...access, justification: `${longest}x` });
    expect(error.code).toBe(ErrorCode.INVALID_INPUT);
    expect(error.details).toEqual({ path: "access.justification" });
    expect(error.message).toContain("2000");
  });

  test("a case reference is trimmed; a blank one is none", () => {
    expect(validateAccessContext({ ...access, caseReference: "  CSC/2026/0147 " }).caseReference).toBe("CSC/2026/0147");
    expect(validateAccessContext({ ...access, caseReference: "   " }).caseReference).toBeNull();
    expect(validateAccessContext({ ...access, caseReference: "" }).caseReference).toBeNull();
    expect(validateAccessContext({ ...access, caseReference: null }).caseReference).toBeNull();
  });

  test("a case reference agency systems would not write is refused with its path", () => {
    for (const caseReference of ["CSC 2026 0147", "/2026/0147", "CSC;DROP", "é-1", `A${"1".repeat(64)}`]) {
      const error = refusal({ ...access, caseReference });
      expect({ caseReference, code: error.code, details: error.details }).toEqual({ caseReference, code: ErrorCode.INVALID_INPUT, details: { path: "access.caseReference" } });
      expect(error.message).toContain("caseReference");
    }
  });

  test("the longest case reference (64 characters) and every allowed character are accepted", () => {
    const longest = `A${"1".repeat(63)}`;
    expect(validateAccessContext({ ...access, caseReference: longest }).caseReference).toBe(longest);
    expect(validateAccessContext({ ...access, caseReference: "a0/_.-Z9" }).caseReference).toBe("a0/_.-Z9");
  });

  test("break-glass is asked for only by true; a missing condition is none", () => {
    const loose = { ...access } as Partial<AccessContext>;
    delete loose.breakGlass;
    delete loose.specialCategoryCondition;
    expect(validateAccessContext(loose as AccessContext)).toMatchObject({ breakGlass: false, specialCategoryCondition: null });
    expect(validateAccessContext({ ...access, breakGlass: "true" as unknown as boolean }).breakGlass).toBe(false);
    expect(validateAccessContext({ ...access, breakGlass: true }).breakGlass).toBe(true);
  });
});
