import { randomUUID } from "node:crypto";
import { AuditChainHead } from "../../src/audit/AuditChainHead";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { entryHash, GENESIS_HASH } from "../../src/audit/hashChain";
import { recordAuditEntry, type AuditReceipt } from "../../src/audit/recordAuditEntry";
import { verifyAuditChain, type AuditVerification, type ChainBreak } from "../../src/audit/verifyAuditChain";
import { asTamperingSuperuser, disclosure, openAuditTestDatabase, requestIdsOnChain, type AuditTestDatabase } from "./auditTestSupport";

/**
 * Someone with superuser access to the database (triggers switched off for their session) tampers with
 * the trail, one kind of tampering per chain, all before any test runs; each test then asks the verifier
 * about its own chain. Chains are independent, so one chain's damage does not disturb another's, and
 * the tests hold in any order.
 */
describe("verifying the audit chains", () => {
  let db: AuditTestDatabase;
  let beforeTampering: AuditVerification;
  let afterTampering: AuditVerification;
  const chains: Record<string, AuditReceipt[]> = {};
  const ENTRIES_PER_CHAIN = 5;
  const CHAIN = {
    untouched: 0,
    edited: 1,
    rewritten: 2,
    middleDeleted: 3,
    swapped: 4,
    tailDeleted: 5,
    renumbered: 6,
    headDeleted: 7,
    lastRewritten: 8,
    headRewound: 9,
    appendedPastHead: 10,
    headAdvanced: 11,
    headHashReplaced: 12,
    beforeGenesis: 13,
    emptyHeadDeleted: 14,
    stillWritable: 15,
  };
  /** A chain the hub never had: the migration seeds heads 0–15 only. */
  const FORGED_CHAIN = 20;
  const TAMPERED = Object.entries(CHAIN).filter(([name]) => name !== "untouched" && name !== "stillWritable");

  const ids = (name: keyof typeof CHAIN) => chains[name].map((receipt) => receipt.id);
  const entry = (id: string) => db.dataSource.getRepository(DisclosureAuditEntry).findOneByOrFail({ id });
  const breakOn = (chain: number): ChainBreak | undefined => afterTampering.breaks.find((b) => b.chain === chain);

  /** A copy of an existing entry under a new id, at the given place, with a hash that matches it. */
  async function forgedCopy(of: string, changes: Partial<DisclosureAuditEntry>): Promise<DisclosureAuditEntry> {
    const forged = { ...(await entry(of)), id: randomUUID(), justification: "Entry nobody made", ...changes };
    return { ...forged, hash: entryHash(forged) };
  }

  beforeAll(async () => {
    db = await openAuditTestDatabase();
    for (const [name, chain] of Object.entries(CHAIN)) {
      if (name === "emptyHeadDeleted") continue;
      chains[name] = [];
      for (const requestId of requestIdsOnChain(chain, ENTRIES_PER_CHAIN, name)) {
        chains[name].push(await recordAuditEntry(db.dataSource, disclosure({ requestId, access: { ...disclosure().access!, justification: `Entry for ${requestId}` } })));
      }
    }
    beforeTampering = await verifyAuditChain(db.dataSource, { batchSize: 2 });

    const rewrittenSecond = await entry(ids("rewritten")[1]);
    const lastOnLastRewritten = await entry(ids("lastRewritten")[4]);
    const thirdOnHeadRewound = await entry(ids("headRewound")[2]);
    const pastHead = await forgedCopy(ids("appendedPastHead")[4], {
      sequence: ENTRIES_PER_CHAIN + 1,
      prevHash: (await entry(ids("appendedPastHead")[4])).hash,
    });
    const beforeGenesis = await forgedCopy(ids("beforeGenesis")[0], { sequence: 0, prevHash: GENESIS_HASH });
    const onForgedChain = await forgedCopy(ids("untouched")[0], { chainId: FORGED_CHAIN, sequence: 1, prevHash: GENESIS_HASH });

    await asTamperingSuperuser(db.dataSource, async (manager) => {
      await manager.query(`UPDATE disclosure_audit SET justification = 'Routine check' WHERE id = $1`, [ids("edited")[2]]);
      await manager.query(`UPDATE disclosure_audit SET justification = 'Routine check', hash = $2 WHERE id = $1`, [
        rewrittenSecond.id,
        entryHash({ ...rewrittenSecond, justification: "Routine check" }),
      ]);
      await manager.query(`DELETE FROM disclosure_audit WHERE id = $1`, [ids("middleDeleted")[2]]);
      const [, swapSecond, , swapFourth] = ids("swapped");
      await manager.query(`UPDATE disclosure_audit SET sequence = -1 WHERE id = $1`, [swapSecond]);
      await manager.query(`UPDATE disclosure_audit SET sequence = 2 WHERE id = $1`, [swapFourth]);
      await manager.query(`UPDATE disclosure_audit SET sequence = 4 WHERE id = $1`, [swapSecond]);
      await manager.query(`DELETE FROM disclosure_audit WHERE id = $1`, [ids("tailDeleted")[4]]);
      await manager.query(`UPDATE disclosure_audit SET sequence = 9 WHERE id = $1`, [ids("renumbered")[4]]);
      await manager.query(`DELETE FROM audit_chain_head WHERE chain_id = $1`, [CHAIN.headDeleted]);
      // The last entry rewritten with its hash recomputed: no later entry links to it, so every link
      // still holds and only the head's hash can tell.
      await manager.query(`UPDATE disclosure_audit SET justification = 'Routine check', hash = $2 WHERE id = $1`, [
        lastOnLastRewritten.id,
        entryHash({ ...lastOnLastRewritten, justification: "Routine check" }),
      ]);
      await manager.query(`UPDATE audit_chain_head SET sequence = 3, hash = $2 WHERE chain_id = $1`, [CHAIN.headRewound, thirdOnHeadRewound.hash]);
      await manager.save(DisclosureAuditEntry, pastHead);
      await manager.query(`UPDATE audit_chain_head SET sequence = $2 WHERE chain_id = $1`, [CHAIN.headAdvanced, ENTRIES_PER_CHAIN + 2]);
      await manager.query(`UPDATE audit_chain_head SET hash = $2 WHERE chain_id = $1`, [CHAIN.headHashReplaced, "a".repeat(64)]);
      await manager.save(DisclosureAuditEntry, beforeGenesis);
      await manager.query(`DELETE FROM audit_chain_head WHERE chain_id = $1`, [CHAIN.emptyHeadDeleted]);
      await manager.save(DisclosureAuditEntry, onForgedChain);
    });
    afterTampering = await verifyAuditChain(db.dataSource, { batchSize: 2 });
  });

  afterAll(async () => {
    await db.close();
  });

  it("finds every chain intact before anyone tampers, reading in batches", () => {
    expect(beforeTampering).toEqual({ intact: true, entriesChecked: 15 * ENTRIES_PER_CHAIN, chainsChecked: 16, checkpointsChecked: 0, fromCheckpoint: null, firstBroken: null, breaks: [] });
  });

  it("names an entry whose justification was edited: HASH_MISMATCH", () => {
    expect(breakOn(CHAIN.edited)).toEqual({ chain: CHAIN.edited, sequence: 3, entryId: ids("edited")[2], problem: "HASH_MISMATCH", message: expect.stringMatching(/changed since it was written/) });
  });

  it("catches an edit whose hash was recomputed, at the next entry: CHAIN_BROKEN", () => {
    expect(breakOn(CHAIN.rewritten)).toEqual({ chain: CHAIN.rewritten, sequence: 3, entryId: ids("rewritten")[2], problem: "CHAIN_BROKEN", message: expect.stringMatching(/does not link to entry 2/) });
  });

  it("names the entry after one deleted from the middle: CHAIN_BROKEN", () => {
    expect(breakOn(CHAIN.middleDeleted)).toMatchObject({ sequence: 4, entryId: ids("middleDeleted")[3], problem: "CHAIN_BROKEN" });
  });

  it("names the entry moved forward when two entries swap places: CHAIN_BROKEN", () => {
    expect(breakOn(CHAIN.swapped)).toMatchObject({ sequence: 2, entryId: ids("swapped")[3], problem: "CHAIN_BROKEN" });
  });

  it("names the missing position when the last entry is deleted: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.tailDeleted)).toEqual({ chain: CHAIN.tailDeleted, sequence: 5, entryId: null, problem: "HEAD_MISMATCH", message: expect.stringMatching(/ends at entry 4 but its head records entry 5/) });
  });

  it("names an entry whose sequence number was changed without reordering: SEQUENCE_GAP", () => {
    expect(breakOn(CHAIN.renumbered)).toEqual({ chain: CHAIN.renumbered, sequence: 9, entryId: ids("renumbered")[4], problem: "SEQUENCE_GAP", message: expect.stringMatching(/expected entry 5 but found 9/) });
  });

  it("names the chain's last entry when it was rewritten with its hash recomputed: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.lastRewritten)).toEqual({
      chain: CHAIN.lastRewritten,
      sequence: 5,
      entryId: ids("lastRewritten")[4],
      problem: "HEAD_MISMATCH",
      message: expect.stringMatching(/is not the entry its head records/),
    });
  });

  it("names the chain's last entry when only its head's hash was replaced: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.headHashReplaced)).toMatchObject({ sequence: 5, entryId: ids("headHashReplaced")[4], problem: "HEAD_MISMATCH" });
  });

  it("names the first entry beyond a head rewound onto an earlier entry: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.headRewound)).toEqual({ chain: CHAIN.headRewound, sequence: 4, entryId: ids("headRewound")[3], problem: "HEAD_MISMATCH", message: expect.stringMatching(/beyond the chain's recorded head \(entry 3\)/) });
  });

  it("names an entry appended past the head, however well it links: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.appendedPastHead)).toMatchObject({ sequence: ENTRIES_PER_CHAIN + 1, problem: "HEAD_MISMATCH" });
    expect(breakOn(CHAIN.appendedPastHead)?.entryId).not.toBeNull();
    expect(ids("appendedPastHead")).not.toContain(breakOn(CHAIN.appendedPastHead)?.entryId);
  });

  it("names the first missing position when the head was moved past the last entry: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.headAdvanced)).toMatchObject({ sequence: ENTRIES_PER_CHAIN + 1, entryId: null, problem: "HEAD_MISMATCH" });
  });

  it("names the first entry of a chain whose head row was deleted: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.headDeleted)).toEqual({ chain: CHAIN.headDeleted, sequence: 1, entryId: ids("headDeleted")[0], problem: "HEAD_MISMATCH", message: expect.stringMatching(/the head is missing/) });
  });

  it("notices a head row deleted from a chain that had no entries yet: HEAD_MISMATCH", () => {
    expect(breakOn(CHAIN.emptyHeadDeleted)).toMatchObject({ sequence: 1, entryId: null, problem: "HEAD_MISMATCH" });
  });

  it("finds an entry placed before a chain's first one: SEQUENCE_GAP", () => {
    expect(breakOn(CHAIN.beforeGenesis)).toMatchObject({ sequence: 0, problem: "SEQUENCE_GAP" });
  });

  it("finds entries on a chain the hub never had", () => {
    expect(breakOn(FORGED_CHAIN)).toMatchObject({ sequence: 1, problem: "HEAD_MISMATCH" });
  });

  it("reports each damaged chain once, the lowest first, and leaves the untouched ones out", () => {
    expect(afterTampering.intact).toBe(false);
    expect(afterTampering.breaks.map((b) => b.chain)).toEqual([...TAMPERED.map(([, chain]) => chain), FORGED_CHAIN]);
    expect(afterTampering.firstBroken).toEqual(breakOn(CHAIN.edited));
    expect(afterTampering.chainsChecked).toBe(17);
  });

  it("counts every entry it checked up to each chain's first break", () => {
    // Untouched chains: 5 each; a chain is read up to and including its broken entry.
    const checkedBeforeBreak = { edited: 3, rewritten: 3, middleDeleted: 3, swapped: 2, tailDeleted: 4, renumbered: 5, headDeleted: 1, lastRewritten: 5, headRewound: 4, appendedPastHead: 6, headAdvanced: 5, headHashReplaced: 5, beforeGenesis: 1, emptyHeadDeleted: 0 };
    const expected = 2 * ENTRIES_PER_CHAIN + Object.values(checkedBeforeBreak).reduce((sum, n) => sum + n, 0) + 1;
    expect(afterTampering.entriesChecked).toBe(expected);
  });

  it("finds the same breaks whatever the batch size", async () => {
    for (const batchSize of [1, 3, 5, 6, 1000, undefined]) {
      const verification = await verifyAuditChain(db.dataSource, batchSize === undefined ? {} : { batchSize });
      expect({ intact: verification.intact, chainsChecked: verification.chainsChecked, breaks: verification.breaks }).toEqual({ intact: false, chainsChecked: 17, breaks: afterTampering.breaks });
    }
  });

  it("still accepts new entries on an untouched chain, and they verify", async () => {
    const [requestId] = requestIdsOnChain(CHAIN.stillWritable, ENTRIES_PER_CHAIN + 1, "stillWritable").slice(ENTRIES_PER_CHAIN);
    const receipt = await recordAuditEntry(db.dataSource, disclosure({ requestId }));
    expect(receipt).toMatchObject({ chain: CHAIN.stillWritable, sequence: ENTRIES_PER_CHAIN + 1 });
    const verification = await verifyAuditChain(db.dataSource);
    expect(verification.breaks.find((b) => b.chain === CHAIN.stillWritable)).toBeUndefined();
    expect(verification.breaks).toEqual(afterTampering.breaks);
  });

  it("refuses to write on a chain whose head row is gone", async () => {
    const [requestId] = requestIdsOnChain(CHAIN.headDeleted, ENTRIES_PER_CHAIN + 1, "headDeleted").slice(ENTRIES_PER_CHAIN);
    await expect(recordAuditEntry(db.dataSource, disclosure({ requestId }))).rejects.toMatchObject({ code: "AUDIT_UNAVAILABLE" });
    expect(await db.dataSource.getRepository(AuditChainHead).findOneBy({ chainId: CHAIN.headDeleted })).toBeNull();
  });
});
