import { AuditChainHead } from "../../src/audit/AuditChainHead";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { recordAuditEntry, type AuditReceipt } from "../../src/audit/recordAuditEntry";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { randomBytes } from "node:crypto";
import { Client } from "pg";
import winston from "winston";
import { runMigrations } from "../../src/db/database";
import { MIGRATIONS } from "../../src/db/migrations";
import { createLogger } from "../../src/logging/logger";
import { disclosure, openAuditTestDatabase, type AuditTestDatabase } from "./auditTestSupport";

describe("the disclosure audit is append-only", () => {
  let db: AuditTestDatabase;
  let receipt: AuditReceipt;

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    receipt = await recordAuditEntry(db.dataSource, disclosure({ requestId: "append-only-1" }));
    await recordAuditEntry(db.dataSource, disclosure({ requestId: "append-only-2" }));
  });

  afterAll(async () => {
    await db.close();
  });

  const appendOnly = /disclosure_audit is append-only/;

  it.each([
    ["UPDATE", `UPDATE disclosure_audit SET justification = 'edited'`],
    ["UPDATE of no row at all", `UPDATE disclosure_audit SET justification = 'edited' WHERE false`],
    ["DELETE", `DELETE FROM disclosure_audit`],
    ["TRUNCATE", `TRUNCATE disclosure_audit`],
  ])("refuses %s through the application's connection", async (_name, sql) => {
    await expect(db.dataSource.query(sql)).rejects.toThrow(appendOnly);
  });

  it("refuses changes made through the ORM too", async () => {
    const entries = db.dataSource.getRepository(DisclosureAuditEntry);
    await expect(entries.update({ id: receipt.id }, { justification: "edited" })).rejects.toThrow(appendOnly);
    await expect(entries.delete({ id: receipt.id })).rejects.toThrow(appendOnly);
  });

  it("refuses removing or rewinding a chain head", async () => {
    const heads = db.dataSource.getRepository(AuditChainHead);
    await expect(heads.delete({ chainId: receipt.chain })).rejects.toThrow(/never removed/);
    await expect(db.dataSource.query(`TRUNCATE audit_chain_head`)).rejects.toThrow(/never removed/);
    await expect(heads.update({ chainId: receipt.chain }, { sequence: 0 })).rejects.toThrow(/may only advance/);
  });

  it("refuses advancing a head onto an entry that was never written", async () => {
    const head = await db.dataSource.getRepository(AuditChainHead).findOneByOrFail({ chainId: receipt.chain });
    await expect(db.dataSource.getRepository(AuditChainHead).update({ chainId: head.chainId }, { sequence: head.sequence + 1, hash: "f".repeat(64) })).rejects.toThrow(/may only advance/);
  });

  it("leaves the trail intact after all those attempts", async () => {
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, entriesChecked: 2 });
  });
});

/**
 * PostgreSQL grants nothing on a new table to PUBLIC, so on a default server the migration's REVOKEs
 * change nothing. They matter where a database administrator has set default privileges that grant
 * tables to PUBLIC (a common shortcut for giving an application role its rights): there, without the
 * REVOKEs, every role could edit the trail. So the schema is built again under exactly those default
 * privileges, and a role with nothing but PUBLIC's rights tries to change it.
 */
describe("the disclosure audit under default privileges that grant every table to PUBLIC", () => {
  let db: AuditTestDatabase;
  // Roles belong to the whole server, which parallel suites share: a name of this run's own.
  const probe = `audit_probe_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    db = await openAuditTestDatabase(2);
    const logger = createLogger("error", [new winston.transports.Console({ silent: true })]);
    for (let i = 0; i < MIGRATIONS.length; i++) await db.dataSource.undoLastMigration({ transaction: "each" });
    await db.dataSource.query(`ALTER DEFAULT PRIVILEGES GRANT ALL ON TABLES TO PUBLIC`);
    await runMigrations(db.dataSource, logger);
    await db.dataSource.query(`CREATE ROLE ${probe} NOLOGIN`);
    await recordAuditEntry(db.dataSource, disclosure({ requestId: "default-privileges-1" }));
  });

  afterAll(async () => {
    await db.close();
    // The role can go only once nothing refers to it; with DATABASE_URL unset it died with the database.
    if (process.env.DATABASE_URL) {
      const admin = new Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${probe}`);
      await admin.end();
    }
  });

  const may = async (table: string, privilege: string): Promise<boolean> =>
    (await db.dataSource.query<{ granted: boolean }[]>(`SELECT has_table_privilege($1, $2, $3) AS granted`, [probe, table, privilege]))[0].granted;

  /** Runs one statement as the probe role, which holds only what PUBLIC holds. */
  async function asProbe(sql: string): Promise<unknown> {
    const runner = db.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SET ROLE ${probe}`);
      return await runner.query(sql);
    } finally {
      await runner.query("RESET ROLE");
      await runner.release();
    }
  }

  it("does grant other tables to PUBLIC: the default privileges are in force", async () => {
    expect(await may("agency", "UPDATE")).toBe(true);
    expect(await may("agency", "DELETE")).toBe(true);
    expect(await may("agency", "TRUNCATE")).toBe(true);
  });

  it.each(["UPDATE", "DELETE", "TRUNCATE"])("takes %s on disclosure_audit away from PUBLIC, and leaves INSERT and SELECT", async (privilege) => {
    expect(await may("disclosure_audit", privilege)).toBe(false);
    expect(await may("disclosure_audit", "INSERT")).toBe(true);
    expect(await may("disclosure_audit", "SELECT")).toBe(true);
  });

  it.each(["DELETE", "TRUNCATE"])("takes %s on audit_chain_head away from PUBLIC, and leaves UPDATE for advancing heads", async (privilege) => {
    expect(await may("audit_chain_head", privilege)).toBe(false);
    expect(await may("audit_chain_head", "UPDATE")).toBe(true);
  });

  it.each([
    ["UPDATE", `UPDATE disclosure_audit SET justification = 'edited'`],
    ["DELETE", `DELETE FROM disclosure_audit`],
    ["TRUNCATE", `TRUNCATE disclosure_audit`],
  ])("refuses %s to a role with only PUBLIC's rights before any trigger runs", async (_name, sql) => {
    await expect(asProbe(sql)).rejects.toThrow(/permission denied for table disclosure_audit/);
  });

  it("lets that role read the trail", async () => {
    expect(await asProbe(`SELECT count(*)::int AS entries FROM disclosure_audit`)).toEqual([{ entries: 1 }]);
  });

  it("still refuses the owner through the trigger, and the trail verifies", async () => {
    await expect(db.dataSource.query(`UPDATE disclosure_audit SET justification = 'edited'`)).rejects.toThrow(/disclosure_audit is append-only/);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true, entriesChecked: 1 });
  });
});
