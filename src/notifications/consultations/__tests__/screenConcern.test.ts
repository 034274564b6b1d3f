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

describe("the screen reads the text as a person would, whatever characters it is written in", () => {
  // Ten digits in any grouping, with any spaces or punctuation between the groups, are a number that
  // identifies someone (an NHS number, a phone number): a word breaks it, nothing else does.
  it.each([
    ["grouped with non-breaking spaces", "NHS 999\u00a0000\u00a00018"],
    ["grouped with narrow non-breaking spaces", "NHS 999\u202f000\u202f0018"],
    ["grouped with figure spaces", "NHS 999\u2007000\u20070018"],
    ["grouped with ideographic spaces", "NHS 999\u3000000\u30000018"],
    ["grouped with tabs", "NHS 999\t000\t0018"],
    ["grouped with dots", "NHS 999.000.0018"],
    ["grouped with slashes", "NHS 999/000/0018"],
    ["grouped with en dashes", "NHS 999\u2013000\u20130018"],
    ["grouped with spaced hyphens", "NHS 999 - 000 - 0018"],
    ["grouped with commas", "NHS 9,990,000,018"],
    ["grouped with underscores", "NHS 999_000_0018"],
    ["grouped with mixed separators", "NHS (999) 000-0018"],
    ["grouped two by two", "NHS 99 90 00 00 18"],
    ["grouped four, three, three", "NHS 9990 000 018"],
    ["after another number", "the second of 3, 999 000 0018, is hungry"],
    ["split by zero-width spaces", "NHS 999\u200b000\u200b0018"],
    ["split by soft hyphens", "NHS 999\u00ad000\u00ad0018"],
    ["in full-width digits", "NHS \uff19\uff19\uff19 \uff10\uff10\uff10 \uff10\uff10\uff11\uff18"],
    ["run into a label", "nhs:9990000018"],
  ])("refuses ten digits %s", (_how, concern) => {
    expect(problemOf(concern)).toBe("NHS_NUMBER_IN_CONCERN");
  });

  it.each([
    ["day, month and year separated by spaces", "born 03 07 2015"],
    ["day, month and year separated by spaced slashes", "born 3 / 7 / 2015"],
    ["day, month and year separated by non-breaking spaces", "born 03\u00a007\u00a02015"],
    ["day, month and year with full stops", "born 03.07.2015"],
    ["day, month and a two-digit year with slashes", "born 3/7/15"],
    ["day, month and year with Unicode hyphens", "born 3\u20107\u20102015"],
    ["day, month and year with a fraction slash", "born 3\u20447\u20442015"],
    ["day, month and year in full-width digits", "born \uff13/\uff17/\uff12\uff10\uff11\uff15"],
    ["month, day and year the American way", "born 07/23/2015"],
    ["year, month and day with slashes", "dob 2015/07/03"],
    ["year, month and day with full stops", "dob 2015.7.3"],
    ["year, month and day run together", "dob 20150703"],
    ["day, month and year run together", "dob 03072015"],
    ["an abbreviated month between slashes", "born 3/Jul/2015"],
    ["an abbreviated month between hyphens and a two-digit year", "born 3-Jul-15"],
    ["an abbreviated month run together", "born 3Jul2015"],
    ["a day, long month and year", "born 3 July 2015"],
    ["an ordinal day of a long month, with a comma", "born the 3rd of July, 2015"],
    ["a four-letter abbreviation with a full stop", "born 3 Sept. 2015"],
    ["a long month first", "born September 3 2015"],
    ["an abbreviated month first with an ordinal", "born Jul. 3rd 2015"],
    ["the year first with a month name", "born 2015-Jul-03"],
    ["a month name in capitals", "BORN 3 JULY 2015"],
    ["a month name split by a zero-width space", "born 3 Ju\u200bly 2015"],
  ])("refuses a full date written as %s", (_how, concern) => {
    expect(problemOf(concern)).toBe("DATE_IN_CONCERN");
  });

  it("refuses a postcode whose halves are held apart by a non-breaking space", () => {
    expect(problemOf("lives near HP20\u00a01UA")).toBe("POSTCODE_IN_CONCERN");
  });

  it.each([
    "a girl aged 7 who moved here in 2015",
    "a single number: 42",
    "siblings aged 3, 7 and 12",
    "three children aged 3, 7, 12 in the house",
    "she was born in July 2015 and started school in 2019",
    "seen at 09:15, 11:40, 13:05, 16:30 on the same day",
    "she arrives at 10.30am and leaves at 2.15pm, most days",
    "attendance fell over 2014/15, 2015/16, 2016/17",
    "she was seen in 2015, 2016. 12 visits in all",
    "scored 3 out of 10, then 7/10 a week later",
    "in Year 6, term 2, week 3, with 1 in 3 days missed",
    "the call came in at 21:45 on a Friday in March",
    "it happened on 3 July, and again last Tuesday",
  ])("lets through %s", (concern) => {
    expect(problemOf(concern)).toBeNull();
  });
});
