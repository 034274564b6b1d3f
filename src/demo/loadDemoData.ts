import { type Principal } from "../auth/Principal";
import { Role } from "../auth/Role";
import { HubMetadata } from "../db/HubMetadata";
import { DirectoryChangeSource } from "../directory/DirectoryChangeSource";
import { importDirectory } from "../directory/importDirectory";
import { type Logger } from "../logging/logger";
import { submitPprcNotification, type NotificationServices } from "../notifications/submitPprcNotification";
import { submitUnscheduledCareAttendance } from "../notifications/unscheduledCare/submitUnscheduledCareAttendance";
import { type AgencyRecordSubmission } from "../records/AgencyRecordSubmission";
import { submitRecords } from "../records/submitRecord";
import { buildDemoDataSet, DEMO_DATA_VERSION } from "./demoDataSet";
import { summariseDemoDataSet, type DemoDataSummary } from "./demoDataSummary";
import { localAuthoritiesServedBy, type DemoAgency } from "./demoDirectory";

export { buildDemoDataSet, type DemoDataSet } from "./demoDataSet";
export { type DemoDataSummary } from "./demoDataSummary";

/** The hub_metadata key whose presence means the demo data set has been loaded into this database. */
export const DEMO_DATA_KEY = "demo_data";

/**
 * On the first start of a database, loads the demo directory and submits every demo record through
 * `submitRecords` (the batched write path an import takes), as the agency's own system would, so demo data passes the same validation and
 * linking as real submissions; then each prison's system notifies scenarios 1 and 2 through
 * `submitPprcNotification`, so the agencies' inboxes are not empty. Returns null, doing nothing, once the data set has been loaded. A load
 * interrupted part-way is finished by the next start: resubmitting a record the hub already holds
 * changes nothing.
 */
export async function loadDemoDataIfFirstStart(services: NotificationServices, logger: Logger, now: () => Date = () => new Date()): Promise<DemoDataSummary | null> {
  const { dataSource } = services;
  const metadata = dataSource.getRepository(HubMetadata);
  if (await metadata.existsBy({ key: DEMO_DATA_KEY })) return null;
  const started = performance.now();
  const dataSet = buildDemoDataSet();
  // A new user's first start waits on this: say so, rather than sit silent for half a minute.
  logger.info("loading the demo data set (first start only)", { event: "demo.loading", count: dataSet.submissions.length });
  // Through the directory import a maintainer's file takes: the same checks, and version 1 of each agency.
  const directory = await importDirectory(
    dataSource,
    dataSet.agencies.map((agency, index) => ({ line: index + 1, input: agency })),
    { changedBy: DEMO_LOADER, changedByAgency: null, source: DirectoryChangeSource.DEMO },
    // The strictest rules, so the demo's entries would pass on any hub.
    { production: true },
  );
  if (!directory.applied) throw new RangeError(`The demo directory has faults: ${directory.faults.map((fault) => `${fault.code ?? "?"} ${fault.problem}`).join(", ")}`);
  const agencies = new Map(dataSet.agencies.map((agency) => [agency.code, agency]));
  const items = dataSet.submissions.map((submission) => {
    const agency = agencies.get(submission.agencyCode);
    if (agency === undefined) throw new RangeError(`A demo record names agency ${submission.agencyCode}, which is not in the demo directory`);
    return { principal: loaderPrincipal(agency, submission), submission };
  });
  // Through the batched write path, as an import is: the same checks and linking, in full batches.
  for (const result of await submitRecords(dataSource, items)) if (!result.stored) throw result.error;
  // Then the prisons' notifications (scenarios 1 and 2), through the path a prison's system takes: routed, each
  // recipient's view decided and audited, so a new user finds them in the agencies' inboxes. A reference already
  // notified answers its first receipt, so a load interrupted here is finished by the next start.
  for (const notification of dataSet.notifications) {
    const prison = agencies.get(notification.agencyCode);
    if (prison === undefined) throw new RangeError(`A demo notification names agency ${notification.agencyCode}, which is not in the demo directory`);
    await submitPprcNotification(services, systemPrincipal(prison, prison.localAuthority ?? localAuthoritiesServedBy(prison.code)[0]), DEMO_LOADER, notification, now());
  }
  // Then the unscheduled-care settings' attendances (CP-IS, scenario 9), as the setting's system tells them: the authority
  // holding the child's plan finds the attendance in its inbox.
  for (const attendance of dataSet.attendances) {
    const setting = agencies.get(attendance.agencyCode);
    if (setting === undefined) throw new RangeError(`A demo attendance names agency ${attendance.agencyCode}, which is not in the demo directory`);
    await submitUnscheduledCareAttendance(services, systemPrincipal(setting, setting.localAuthority ?? localAuthoritiesServedBy(setting.code)[0]), DEMO_LOADER, attendance, now());
  }
  const counts = summariseDemoDataSet(dataSet);
  await metadata.upsert({ key: DEMO_DATA_KEY, value: { version: DEMO_DATA_VERSION, loadedAt: new Date().toISOString(), counts } }, ["key"]);
  // Counts only: the data set is fictional, but a log line must never learn to carry names.
  logger.info("demo data loaded", { event: "demo.loaded", counts, durationMs: Math.round(performance.now() - started) });
  return counts;
}

const DEMO_LOADER = "demo-loader";

/** The agency's own system, which is the only kind of caller that may submit its records. */
function loaderPrincipal(agency: DemoAgency, submission: AgencyRecordSubmission): Principal {
  return systemPrincipal(agency, agency.localAuthority ?? submission.child.address?.localAuthority ?? localAuthoritiesServedBy(agency.code)[0]);
}

function systemPrincipal(agency: DemoAgency, localAuthority: string): Principal {
  return { sub: DEMO_LOADER, name: "Demo data loader", agency: agency.code, agencyType: agency.type, roles: [Role.AGENCY_SYSTEM], localAuthority, team: null, tokenId: null };
}
