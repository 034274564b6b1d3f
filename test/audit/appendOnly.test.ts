import { AuditChainHead } from "../../src/audit/AuditChainHead";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { recordAuditEntry, type AuditReceipt } from "../../src/audit/recordAuditEntry";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
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

  it("has no UPDATE, DELETE or TRUNCATE privilege for PUBLIC", async () => {
    const grants: { privilege_type: string }[] = await db.dataSource.query(
      `SELECT privilege_type FROM information_schema.role_table_grants WHERE table_name = 'disclosure_audit' AND grantee = 'PUBLIC'`,
    );
    expect(grants.map((grant) => grant.privilege_type)).not.toEqual(expect.arrayContaining(["UPDATE"]));
    expect(grants.map((grant) => grant.privilege_type)).not.toEqual(expect.arrayContaining(["DELETE"]));
    expect(grants.map((grant) => grant.privilege_type)).not.toEqual(expect.arrayContaining(["TRUNCATE"]));
  });
});
