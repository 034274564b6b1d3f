import { type BenchCaller } from "../../benchToken";
import { type Workload } from "../workload";

const AGENCY = "GP-BENCH-LOAD";

/** The agency's system sending what its practice knows of a child. */
const SYSTEM: BenchCaller = { sub: "bench-load-system", name: "Bench load surgery system", agency: AGENCY, agency_type: "HEALTH", roles: ["AGENCY_SYSTEM"], la: "E06000060" };

const SUBMIT = "mutation ($record: AgencyRecordInput!) { submitRecord(record: $record) { recordId outcome link { outcome } } }";
const NOOP = "mutation ($record: AgencyRecordInput!) { noop(record: $record) }";

const GIVEN = ["Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Gwen", "Hal", "Iris", "Jude", "Kit", "Lark"];
const FAMILY = ["Ashcombe", "Birchley", "Coldharbour", "Dunstable", "Eastleigh", "Foxwood", "Greystoke", "Holloway"];

/**
 * A record of a child without an SUI, new each time (a reference never sent before), about one of a
 * few hundred children, so linking finds, reviews and creates as it would in a county's day.
 */
export function benchRecord(run: string, index: number) {
  const person = index % 400;
  return {
    agencyCode: AGENCY,
    agencyReference: `LOAD-${run}-${index}`,
    child: {
      givenNames: GIVEN[person % GIVEN.length],
      familyName: FAMILY[Math.floor(person / GIVEN.length) % FAMILY.length],
      dateOfBirth: `${2010 + (person % 12)}-${String((person % 12) + 1).padStart(2, "0")}-${String((person % 27) + 1).padStart(2, "0")}`,
      sex: person % 2 === 0 ? "FEMALE" : "MALE",
      address: { kind: "HOME", line1: `${(person % 90) + 1} Loadtest Lane`, postcode: `HP${(person % 20) + 1} 4LT` },
    },
    health: { gpPracticeCode: "K99002", gpPracticeName: "Load Surgery", registeredOn: "2015-05-01" },
  };
}

/**
 * Governed: the hub's `submitRecord` (the submission checks, grouped storing, linking, the audit
 * entry). Ungoverned: `noop` through the same HTTP, token and GraphQL stack, storing nothing — the
 * ceiling for any mutation, not a hub that stores without its checks. PostgreSQL only, as
 * `bench:import`'s submitters.
 */
export const submitWorkload: Workload = {
  name: "submit",
  caller: SYSTEM,
  postgresOnly: "the embedded server's socket interleaves concurrent extended-protocol messages",
  async prepare(query) {
    await query(`INSERT INTO agency (code, name, type, local_authority, contact_email, active) VALUES ($1, 'Bench load surgery', 'HEALTH', 'E06000060', 'bench@example.org', true) ON CONFLICT DO NOTHING`, [AGENCY]);
    const run = Date.now().toString(36);
    return {
      governed: (index) => ({ query: SUBMIT, variables: { record: benchRecord(`${run}-h`, index) } }),
      ungoverned: { label: "no-op mutation (stores nothing)", request: (index) => ({ query: NOOP, variables: { record: benchRecord(`${run}-n`, index) } }) },
    };
  },
};
