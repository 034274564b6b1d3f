import { ErrorCode, HubError } from "../../errors/HubError";
import { isValidNhsNumber, nhsCheckDigit, nhsNumberProblem, parseSui, syntheticNhsNumbers } from "../nhsNumber";

describe("the NHS number modulus-11 check (the SUI)", () => {
  it("accepts numbers whose tenth digit is the modulus-11 check digit", () => {
    // 943 476 5919 is the NHS's own published example of a valid number.
    expect(isValidNhsNumber("9434765919")).toBe(true);
    expect(isValidNhsNumber("9990000018")).toBe(true);
  });

  it.each([
    ["943476591", 9],
    ["000000019", 1], // 1×3 + 9×2 = 21; 21 mod 11 = 10; 11 − 10 = 1
    ["000000011", 6], // 1×3 + 1×2 = 5; 11 − 5 = 6
    ["100000000", 1], // 1×10 = 10; 11 − 10 = 1
    ["000000241", 0], // 2×4 + 4×3 + 1×2 = 22; remainder 0 gives 11, which means 0
    ["100000001", null], // 10 + 2 = 12; remainder 1 gives 10: no valid number has these nine digits
  ])("computes the check digit of %s with weights 10..2 as %p", (firstNine, check) => {
    expect(nhsCheckDigit(firstNine)).toBe(check);
  });

  it.each([
    ["9434765918", "CHECK_DIGIT_MISMATCH"],
    ["9434765910", "CHECK_DIGIT_MISMATCH"],
    ["1000000010", "NO_VALID_CHECK_DIGIT"],
    ["943476591", "WRONG_LENGTH"],
    ["94347659190", "WRONG_LENGTH"],
    ["", "EMPTY"],
    ["   ", "EMPTY"],
    ["943476591X", "NOT_DIGITS"],
    ["943-476-5919", "NOT_DIGITS"],
    ["9434765919\n", null],
    ["94 3476 5919", "NOT_DIGITS"],
    ["-434765919", "NOT_DIGITS"],
    ["٩٤٣٤٧٦٥٩١٩", "NOT_DIGITS"],
    ["0000000000", "REPEATED_DIGIT"],
    ["943 476 5919", null],
  ])("classifies %j as %s", (input, problem) => {
    expect(nhsNumberProblem(input)).toBe(problem);
  });

  it("parseSui returns the canonical ten digits or INVALID_SUI without echoing the number", () => {
    expect(parseSui("943 476 5919")).toBe("9434765919");
    let caught: unknown;
    try {
      parseSui("9434765918", "record.child.sui");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HubError);
    const hubError = caught as HubError;
    expect(hubError.code).toBe(ErrorCode.INVALID_SUI);
    expect(hubError.details).toEqual({ path: "record.child.sui", problem: "CHECK_DIGIT_MISMATCH" });
    expect(hubError.message).not.toContain("9434765918");
  });

  it("generates only valid, distinct numbers in the 999 test range for synthetic data", () => {
    const generator = syntheticNhsNumbers();
    const numbers = Array.from({ length: 2000 }, () => generator.next().value as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const n of numbers) {
      expect(n).toMatch(/^999\d{7}$/);
      expect(isValidNhsNumber(n)).toBe(true);
    }
  });
});
