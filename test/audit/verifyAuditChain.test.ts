import { recordAuditEntry, type AuditReceipt } from "../../src/audit/recordAuditEntry";
import { entryHash } from "../../src/audit/hashChain";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { verifyAuditChain, type ChainBreak } from "../../src/audit/verifyAuditChain";
import { asTamperingSuperuser, disclosure, openAuditTestDatabase, requestIdsOnChain, type AuditTestDatabase } from "./auditTestSupport";

/**
 * Each case tampers with its own chain, as someone with superuser access to the database could
 * (triggers switched off for their session), and the verifier must name the right entry. Chains are
 * independent, so one case's damage does not disturb another's.
 */
describe("verifying the audit chains", () => {
  let db: AuditTestDatabase;
  const chains: Record<string, AuditReceipt[]> = {};
  const CHAIN = { edited: 1, rewritten: 2, middleDeleted: 3, swapped: 4, tailDeleted: 5, renumbered: 6, untouched: 7 };

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    for (const [name, chain] of Object.entries(CHAIN)) {
      chains[name] = [];
      for (const requestId of requestIdsOnChain(chain, 5, name)) {
        chains[name].push(await recordAuditEntry(db.dataSource, disclosure({ requestId, access: { ...disclosure().access!, justification: `Entry for ${requestId}` } })));
      }
    }
  });

  afterAll(async () => {
    await db.close();
  });

  const breakOn = async (chain: number): Promise<ChainBreak | undefined> => (await verifyAuditChain(db.dataSource, { batchSize: 2 })).breaks.find((b) => b.chain === chain);
  const ids = (name: string) => chains[name].map((receipt) => receipt.id);

  it("finds every chain intact before anyone tampers, reading in batches", async () => {
    expect(await verifyAuditChain(db.dataSource, { batchSize: 2 })).toEqual({ intact: true, entriesChecked: 35, chainsChecked: 16, firstBroken: null, breaks: [] });
  });

  it("(a) names an entry whose justification was edited: HASH_MISMATCH", async () => {
    const [, , third] = ids("edited");
    await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET justification = 'Routine check' WHERE id = $1`, [third]]]);
    expect(await breakOn(CHAIN.edited)).toMatchObject({ sequence: 3, entryId: third, problem: "HASH_MISMATCH" });
  });

  it("(a') catches an edit whose hash was recomputed at the next entry: CHAIN_BROKEN", async () => {
    const [, second, third] = ids("rewritten");
    const row = await db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id: second });
    const forgedHash = entryHash({ ...row, justification: "Routine check" });
    await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET justification = 'Routine check', hash = $2 WHERE id = $1`, [second, forgedHash]]]);
    expect(await breakOn(CHAIN.rewritten)).toMatchObject({ sequence: 3, entryId: third, problem: "CHAIN_BROKEN" });
  });

  it("(b) names the entry after one deleted from the middle: CHAIN_BROKEN", async () => {
    const [, , third, fourth] = ids("middleDeleted");
    await asTamperingSuperuser(db.dataSource, [[`DELETE FROM disclosure_audit WHERE id = $1`, [third]]]);
    expect(await breakOn(CHAIN.middleDeleted)).toMatchObject({ sequence: 4, entryId: fourth, problem: "CHAIN_BROKEN" });
  });

  it("(c) names the entry moved forward when two entries swap places: CHAIN_BROKEN", async () => {
    const [, second, , fourth] = ids("swapped");
    await asTamperingSuperuser(db.dataSource, [
      [`UPDATE disclosure_audit SET sequence = -1 WHERE id = $1`, [second]],
      [`UPDATE disclosure_audit SET sequence = 2 WHERE id = $1`, [fourth]],
      [`UPDATE disclosure_audit SET sequence = 4 WHERE id = $1`, [second]],
    ]);
    expect(await breakOn(CHAIN.swapped)).toMatchObject({ sequence: 2, entryId: fourth, problem: "CHAIN_BROKEN" });
  });

  it("(d) names the missing position when the last entry is deleted: HEAD_MISMATCH", async () => {
    const last = ids("tailDeleted")[4];
    await asTamperingSuperuser(db.dataSource, [[`DELETE FROM disclosure_audit WHERE id = $1`, [last]]]);
    expect(await breakOn(CHAIN.tailDeleted)).toMatchObject({ sequence: 5, entryId: null, problem: "HEAD_MISMATCH" });
  });

  it("names an entry whose sequence number was changed without reordering: SEQUENCE_GAP", async () => {
    const last = ids("renumbered")[4];
    await asTamperingSuperuser(db.dataSource, [[`UPDATE disclosure_audit SET sequence = 9 WHERE id = $1`, [last]]]);
    expect(await breakOn(CHAIN.renumbered)).toMatchObject({ sequence: 9, entryId: last, problem: "SEQUENCE_GAP" });
  });

  it("reports each damaged chain, the lowest first, and leaves the untouched ones out", async () => {
    const verification = await verifyAuditChain(db.dataSource);
    expect(verification.intact).toBe(false);
    expect(verification.breaks.map((b) => b.chain)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(verification.firstBroken).toEqual(verification.breaks[0]);
    expect(verification.firstBroken?.message).toMatch(/changed since it was written/);
  });

  it("still accepts new entries on an untouched chain, and they verify", async () => {
    const [requestId] = requestIdsOnChain(CHAIN.untouched, 6, "untouched").slice(5);
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ requestId }));
    expect(receipt).toMatchObject({ chain: CHAIN.untouched, sequence: 6 });
    expect(await breakOn(CHAIN.untouched)).toBeUndefined();
  });

  it("notices a head row deleted behind the triggers' back", async () => {
    await asTamperingSuperuser(db.dataSource, [[`DELETE FROM audit_chain_head WHERE chain_id = $1`, [CHAIN.untouched]]]);
    expect(await breakOn(CHAIN.untouched)).toMatchObject({ sequence: 1, problem: "HEAD_MISMATCH" });
    await expect(recordAuditEntry(db.dataSource, disclosure({ requestId: requestIdsOnChain(CHAIN.untouched, 7, "untouched")[6] }))).rejects.toMatchObject({ code: "AUDIT_UNAVAILABLE" });
  });
});
