import { Client } from "pg";
import { CALLERS, CHILD_QUERY, access } from "../support/claims";
import { RECORDS, SUBMIT, SUI } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

/**
 * An audit entry is on disk before the disclosure it records leaves the hub, whatever the database's
 * default. With synchronous_commit = off, PostgreSQL acknowledges a commit before its WAL is flushed:
 * a crash then loses the entries of disclosures already delivered, and the chains that remain still
 * verify as intact. A trigger on the trail notes `current_setting('synchronous_commit')` from inside
 * the audit's own transaction.
 */
const onRealServer = (process.env.DATABASE_URL ?? "") !== "";
let hub: TestHub;

async function onServer(url: string, statement: string): Promise<string | undefined> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ value?: string }>(statement);
    return result.rows[0]?.value;
  } finally {
    await client.end();
  }
}

let databaseUrl: string | undefined;
beforeAll(async () => {
  hub = await startTestHub({
    beforeStart: async (url) => {
      databaseUrl = url;
      if (url !== undefined) await onServer(url, `ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET synchronous_commit = off`);
    },
  });
  const db = hub.hub.database.dataSource;
  // PGlite ignores per-database settings, and every connection to it shares its one session: there
  // a session-level SET is what reaches the audit's connection.
  if (!onRealServer) await db.query("SET synchronous_commit = off");
  await db.query(`CREATE TABLE audit_commit_setting (setting text NOT NULL)`);
  await db.query(`CREATE FUNCTION note_audit_commit_setting() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO audit_commit_setting VALUES (current_setting('synchronous_commit')); RETURN NULL; END $$`);
  await db.query(`CREATE TRIGGER note_audit_commit_setting AFTER INSERT ON disclosure_audit FOR EACH STATEMENT EXECUTE FUNCTION note_audit_commit_setting()`);
  const submitted = await hub.graphql(SUBMIT, { record: RECORDS.CHILDRENS_SOCIAL_CARE }, await hub.token(AGENCY_SYSTEM_CLAIMS("LA-E06000060", "CHILDRENS_SOCIAL_CARE")));
  expect(submitted.body.errors).toBeUndefined();
});
afterAll(async () => {
  await hub.stop();
});

describe("the audit trail commits durably whatever the server's default", () => {
  it("writes a disclosure's audit entry with synchronous_commit on though the database's default is off", async () => {
    const defaultSetting = databaseUrl !== undefined
      ? await onServer(databaseUrl, "SELECT current_setting('synchronous_commit') AS value")
      : ((await hub.hub.database.dataSource.query<{ value: string }[]>("SELECT current_setting('synchronous_commit') AS value"))[0].value);
    expect(defaultSetting).toBe("off");

    const response = await hub.graphql(CHILD_QUERY, { sui: SUI, access: access("SECTION_47_ENQUIRY") }, await hub.token(CALLERS.socialWorker));
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.child.disclosureId).toMatch(/^[0-9a-f-]{36}$/);

    const settings = await hub.hub.database.dataSource.query<{ setting: string }[]>(`SELECT setting FROM audit_commit_setting`);
    expect(settings.length).toBeGreaterThan(0);
    expect(new Set(settings.map((row) => row.setting))).toEqual(new Set(["on"]));

    if (onRealServer) {
      // Every hub connection starts with it on, so consent and link decisions and submitted records
      // are durable too. (PGlite ignores start-up settings; the test set its one session's off above.)
      const [{ value }] = await hub.hub.database.dataSource.query<{ value: string }[]>("SELECT current_setting('synchronous_commit') AS value");
      expect(value).toBe("on");
    }
  });
});
