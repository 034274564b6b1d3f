import { screenConcern } from "../screenConcern";

const problemOf = (concern: string): unknown => {
  try {
    screenConcern(concern);
    return null;
  } catch (error) {
    return (error as { details: { problem: string } }).details.problem;
  }
};

describe("what a consultation's concern may not carry", () => {
  it.each([
    ["NHS 9434765919", "NHS_NUMBER_IN_CONCERN"],
    ["number 943-476-5919", "NHS_NUMBER_IN_CONCERN"],
    ["born 3.7.15", "DATE_IN_CONCERN"],
    ["dob 2015-07-03", "DATE_IN_CONCERN"],
    ["born July 3rd, 2015", "DATE_IN_CONCERN"],
    ["born 3 of Sept 2015", "DATE_IN_CONCERN"],
    ["lives at SW1A1AA", "POSTCODE_IN_CONCERN"],
  ])("refuses %s", (concern, problem) => {
    expect(problemOf(concern)).toBe(problem);
  });

  it.each(["a girl aged 7 in Year 3", "it happened on 3 July, and again last Tuesday", "she is in Year 10 at a secondary school in the north of the county", "about 15 times since 2024"])("lets through %s", (concern) => {
    expect(problemOf(concern)).toBeNull();
  });
});
