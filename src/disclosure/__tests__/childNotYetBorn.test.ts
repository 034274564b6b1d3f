import { type SensitivityLabel } from "../../records/SensitivityLabel";
import { type ChildFile } from "../ChildFile";
import { childNotYetBorn } from "../childNotYetBorn";
import { childFile } from "./childFileFixture";

/**
 * Which children are not yet born (their file opens only to the relationships `pre-birth-relationships`
 * lists): an expected date of birth, no date of birth, and no unrestricted record giving a date the baby
 * could have — within 16 weeks (112 days) of the expected date.
 */
const EXPECTED = "2027-02-14";
function fileWith(usual: { dateOfBirth: string | null; expectedDateOfBirth: string | null }, reports: { dateOfBirth: string | null; labels?: SensitivityLabel[] }[] = []): ChildFile {
  const file = childFile([]);
  return {
    ...file,
    identity: {
      ...file.identity,
      usual: { ...file.identity.usual, ...usual },
      reports: reports.map((report, index) => ({ recordId: `r${index}`, labels: report.labels ?? [], identity: { dateOfBirth: report.dateOfBirth } })),
    } as unknown as ChildFile["identity"],
  };
}

const daysFrom = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

test("a child with only an expected date of birth, and no record giving one, is not yet born", () => {
  expect(childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: EXPECTED }))).toBe(true);
  expect(childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: EXPECTED }, [{ dateOfBirth: null }]))).toBe(true);
});

test("a child with a date of birth, or with neither date, is not a pre-birth child", () => {
  expect(childNotYetBorn(fileWith({ dateOfBirth: "2026-12-01", expectedDateOfBirth: EXPECTED }))).toBe(false);
  expect(childNotYetBorn(fileWith({ dateOfBirth: "2026-12-01", expectedDateOfBirth: null }))).toBe(false);
  expect(childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: null }))).toBe(false);
});

test("is born by a record's date within 16 weeks of the expected date, either side, up to the 112th day", () => {
  for (const days of [-112, -30, 0, 30, 112]) {
    expect({ days, unborn: childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: EXPECTED }, [{ dateOfBirth: daysFrom(EXPECTED, days) }])) }).toEqual({ days, unborn: false });
  }
});

test("is not born by a date a baby due then could not have (a mistake, another child's), nor by a sealed or brokered record's", () => {
  for (const days of [-113, -2000, 113]) {
    expect({ days, unborn: childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: EXPECTED }, [{ dateOfBirth: daysFrom(EXPECTED, days) }])) }).toEqual({ days, unborn: true });
  }
  for (const label of ["SEALED", "BROKERED"] as SensitivityLabel[]) {
    expect(childNotYetBorn(fileWith({ dateOfBirth: null, expectedDateOfBirth: EXPECTED }, [{ dateOfBirth: EXPECTED, labels: [label] }]))).toBe(true);
  }
});
