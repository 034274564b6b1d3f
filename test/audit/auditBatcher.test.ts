import { randomUUID } from "node:crypto";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { recordAuditEntry } from "../../src/audit/recordAuditEntry";
import { verifyAuditChain } from "../../src/audit/verifyAuditChain";
import { exclusionAlerts } from "../../src/exclusions/raiseExclusionAlerts";
import { captureLog } from "../support/capturedLog";
import { statementsFor } from "../support/statementCount";
import { asTamperingSuperuser, disclosure, openAuditTestDatabase, requestIdsOnChain, SCHOOL_DSL, type AuditTestDatabase } from "./auditTestSupport";

describe("writing audit entries in batches", () => {
  let db: AuditTestDatabase;
  const log = captureLog("warn");

  beforeAll(async () => {
    db = await openAuditTestDatabase(8, log.logger);
  });

  afterAll(async () => {
    await db.close();
  });

  const stored = (requestId: string) => db.dataSource.getRepository(DisclosureAuditEntry).countBy({ requestId });

  it("fails only the entry the database refuses when it shares a batch with others", async () => {
    // The first entry is written alone; the next three arrive while it is, and are batched together.
    const logged = log.raw.length;
    const first = recordAuditEntry(db.dataSource, disclosure({ requestId: "batch-first" }));
    const before = recordAuditEntry(db.dataSource, disclosure({ requestId: "batch-good-1" }));
    const unstorable = recordAuditEntry(db.dataSource, disclosure({ requestId: "batch-bad", access: { ...disclosure().access!, justification: "NUL\u0000 inside" } }));
    const after = recordAuditEntry(db.dataSource, disclosure({ requestId: "batch-good-2" }));
    const [a, b, c, d] = await Promise.allSettled([first, before, unstorable, after]);
    expect([a.status, b.status, c.status, d.status]).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect(c.status === "rejected" && c.reason).toMatchObject({ code: "AUDIT_UNAVAILABLE" });
    expect([await stored("batch-first"), await stored("batch-good-1"), await stored("batch-bad"), await stored("batch-good-2")]).toEqual([1, 1, 0, 1]);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ intact: true });
    // Operators see the batch fell back to one entry per transaction, by the error's class and SQLSTATE
    // (a data exception: the NUL byte), never its message, which quotes the entry.
    expect(log.entries().slice(logged).filter((entry) => entry.event === "audit.batch_fallback")).toEqual([
      expect.objectContaining({ level: "warn", count: 3, errorName: "QueryFailedError", sqlState: expect.stringMatching(/^22/) }),
    ]);
    expect(log.raw.slice(logged).join("\n")).not.toMatch(/strategy discussion|CP-2026-001|NUL/i);
  });

  it("writes what an entry raises in the statement that inserts it: with the entry, never without it, at no round trip of its own", async () => {
    // An excluded caller's attempts, each raising (or counting on) the IG alert for the child.
    const attempt = (requestId: string, childId: string, justification = "Reading the file for the strategy discussion.") =>
      recordAuditEntry(db.dataSource, { ...disclosure({ requestId, principal: SCHOOL_DSL, outcome: "REFUSED", access: { ...disclosure().access!, justification } }), companions: [exclusionAlerts(SCHOOL_DSL, [childId], justification, new Date())] });
    const alertsOn = (childId: string) => db.dataSource.query<{ first_disclosure_id: string; disclosure_count: number }[]>(`SELECT first_disclosure_id, disclosure_count FROM ig_alert WHERE child_id = $1`, [childId]);

    // Two attempts batched together (the first entry is written alone, they arrive while it is): one alert counting both, opened by the earlier.
    const together = randomUUID();
    const [, one, two] = await Promise.all([recordAuditEntry(db.dataSource, disclosure({ requestId: "companion-first" })), attempt("companion-1", together), attempt("companion-2", together)]);
    expect(await alertsOn(together)).toEqual([{ first_disclosure_id: one.id, disclosure_count: 2 }]);
    expect(two.id).not.toBe(one.id);

    // A batch the database refuses leaves nothing behind: written again entry by entry, the refused entry's alert is not written, the others' are.
    const refused = randomUUID();
    const settled = await Promise.allSettled([recordAuditEntry(db.dataSource, disclosure({ requestId: "companion-alone" })), attempt("companion-3", refused), attempt("companion-bad", refused, "NUL\u0000 inside"), attempt("companion-4", refused)]);
    expect(settled.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const [first] = settled.flatMap((result, index) => (index === 1 && result.status === "fulfilled" ? [result.value.id] : []));
    expect(await alertsOn(refused)).toEqual([{ first_disclosure_id: first, disclosure_count: 2 }]);

    // The alert rides the entry's statement: an entry with one costs what an entry without one does.
    const plain = await statementsFor(() => recordAuditEntry(db.dataSource, disclosure({ requestId: "companion-none" })));
    const alerted = await statementsFor(() => attempt("companion-5", randomUUID()));
    expect(alerted).toBe(plain);
  });

  it("says which chain has lost its head row, in the cause kept for the log", async () => {
    const [requestId] = requestIdsOnChain(11, 1, "headless");
    const [head] = await db.dataSource.query<{ sequence: string; hash: string }[]>(`SELECT sequence::text, hash FROM audit_chain_head WHERE chain_id = 11`);
    await asTamperingSuperuser(db.dataSource, [[`DELETE FROM audit_chain_head WHERE chain_id = 11`]]);
    try {
      await expect(recordAuditEntry(db.dataSource, disclosure({ requestId }))).rejects.toMatchObject({
        code: "AUDIT_UNAVAILABLE",
        cause: expect.objectContaining({ message: "audit chain 11 has no head row" }),
      });
    } finally {
      // Back as it was, so the other test here finds every chain whole whatever the order.
      await asTamperingSuperuser(db.dataSource, [[`INSERT INTO audit_chain_head (chain_id, sequence, hash) VALUES (11, $1, $2)`, [head.sequence, head.hash]]]);
    }
  });
});
