import { syntheticNhsNumbers } from "../identity/nhsNumber";
import { type PprcNotificationSubmission } from "../notifications/PprcNotificationSubmission";
import { type UnscheduledCareAttendanceSubmission } from "../notifications/unscheduledCare/UnscheduledCareAttendanceSubmission";
import { type AgencyRecordSubmission } from "../records/AgencyRecordSubmission";
import { DEMO_AGENCIES, type DemoAgency } from "./demoDirectory";
import { generateDemoFamilies } from "./demoFamilies";
import { DemoRecordBook } from "./demoRecordBook";
import { recordGeneratedFamilies } from "./generatedRecords";
import { recordScenarioFixtures } from "./scenarios";
import { seededRandom } from "./seededRandom";

export const DEMO_SEED = 20261122;

/** Bump when the data set changes, so a database records which one it was given. */
export const DEMO_DATA_VERSION = 3;

/** Stems 999000000–999000999 are the scenarios'; generated children start above them. */
const FIRST_GENERATED_STEM = 1000;
/** Scenario adults are numbered below this. */
const FIRST_GENERATED_ADULT = 1000;
const GENERATED_CHILDREN = 230;

export interface DemoDataSet {
  agencies: DemoAgency[];
  /** In load order: a resubmission (scenario 2's change of name) follows the record it updates. */
  submissions: AgencyRecordSubmission[];
  /** Notified by each prison's system once every record is in (scenarios 1 and 2), in order. */
  notifications: PprcNotificationSubmission[];
  /** Then each unscheduled-care setting's attendances (CP-IS: scenario 9), each telling the authority holding the child's plan. */
  attendances: UnscheduledCareAttendanceSubmission[];
}

/**
 * The synthetic data set the embedded hub loads on first start: the directory, the scenario fixtures
 * and a few hundred generated children with their records. Pure and deterministic: no clock, no
 * Math.random, the same seed gives the same data set.
 */
export function buildDemoDataSet(seed: number = DEMO_SEED): DemoDataSet {
  const random = seededRandom(seed);
  const book = new DemoRecordBook();
  recordScenarioFixtures(book);
  const families = generateDemoFamilies(random, syntheticNhsNumbers(FIRST_GENERATED_STEM), GENERATED_CHILDREN, FIRST_GENERATED_ADULT);
  recordGeneratedFamilies(book, random, families);
  return { agencies: DEMO_AGENCIES.map((agency) => ({ ...agency })), submissions: book.submissions, notifications: book.notifications, attendances: book.attendances };
}
