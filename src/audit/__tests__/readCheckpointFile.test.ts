import crypto from "node:crypto";
import { hubSigningKeysFromJwks, type HubSigningKeys } from "../../signing/hubSigningKeys";
import { AUDIT_CHECKPOINT_TYPE, checkpointDigest, type AuditCheckpoint } from "../AuditCheckpoint";
import { GENESIS_HASH } from "../hashChain";
import { CheckpointFileError, readCheckpointFile } from "../readCheckpointFile";

function signingKeys(kid: string): HubSigningKeys {
  const jwk = crypto.generateKeyPairSync("ed25519").privateKey.export({ format: "jwk" });
  return hubSigningKeysFromJwks({ keys: [{ ...jwk, kid }] }, undefined, "test keys");
}

const hub = signingKeys("hub-1");
const stranger = signingKeys("hub-1");
const hashOf = (text: string) => crypto.createHash("sha256").update(text).digest("hex");

function checkpoint(number: number, previous: string | null, heads = [{ chain: 0, sequence: number * 10, hash: hashOf(`c0-${number}`) }, { chain: 1, sequence: 0, hash: GENESIS_HASH }]): AuditCheckpoint {
  return { number, takenAt: "2026-12-07T01:00:00.000Z", previous, entries: heads.reduce((sum, head) => sum + head.sequence, 0), heads };
}

const sign = (payload: unknown, keys = hub, typ = AUDIT_CHECKPOINT_TYPE) => keys.signJws(Buffer.from(JSON.stringify(payload)), { typ });

/** Checkpoints 1..n, each quoting the one before, as the hub writes them. */
async function file(n: number): Promise<string[]> {
  const lines: string[] = [];
  for (let number = 1; number <= n; number++) lines.push(await sign(checkpoint(number, number === 1 ? null : checkpointDigest(lines[number - 2]))));
  return lines;
}

const read = (lines: string[]) => readCheckpointFile(lines.join("\n"), hub.jwks);
const refusal = async (lines: string[]) => {
  const error = await read(lines).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(CheckpointFileError);
  return (error as Error).message;
};

describe("reading a file of signed audit checkpoints", () => {
  it("returns every checkpoint of a file the hub signed, skipping blank lines", async () => {
    const lines = await file(3);
    const checkpoints = await readCheckpointFile(`${lines[0]}\n\n${lines[1]}\n${lines[2]}\n`, hub.jwks);
    expect(checkpoints.map((c) => c.number)).toEqual([1, 2, 3]);
    expect(checkpoints[2]).toEqual(checkpoint(3, checkpointDigest(lines[1])));
  });

  it("accepts a file that starts after checkpoint 1, or skips some (an export appended since a later one)", async () => {
    const lines = await file(4);
    expect((await read([lines[1], lines[3]])).map((c) => c.number)).toEqual([2, 4]);
  });

  it("refuses an empty file", async () => {
    expect(await refusal(["", ""])).toBe("the checkpoint file holds no checkpoint");
  });

  it("refuses a checkpoint signed by a key the hub does not publish, naming its line", async () => {
    const lines = await file(2);
    lines[1] = await sign(checkpoint(2, checkpointDigest(lines[0])), stranger);
    expect(await refusal(lines)).toMatch(/^line 2: its signature does not verify against the given keys/);
  });

  it("refuses a line that is not a JWS, and a payload changed after signing", async () => {
    expect(await refusal(["not-a-jws"])).toMatch(/^line 1: its signature does not verify/);
    const [line] = await file(1);
    const [header, , signature] = line.split(".");
    const forged = Buffer.from(JSON.stringify(checkpoint(1, null, [{ chain: 0, sequence: 99, hash: hashOf("x") }]))).toString("base64url");
    expect(await refusal([`${header}.${forged}.${signature}`])).toMatch(/^line 1: its signature does not verify/);
  });

  it("refuses something else the hub signed (another typ, or none)", async () => {
    expect(await refusal([await sign(checkpoint(1, null), hub, "webhook+json")])).toBe("line 1 is signed by the hub but is not an audit checkpoint");
    const untyped = await hub.signJws(Buffer.from(JSON.stringify(checkpoint(1, null))));
    expect(await refusal([untyped])).toBe("line 1 is signed by the hub but is not an audit checkpoint");
  });

  it("refuses checkpoints out of order, or repeated", async () => {
    const lines = await file(3);
    expect(await refusal([lines[0], lines[2], lines[1]])).toBe("line 3: checkpoint 2 follows checkpoint 3: the file is out of order");
    expect(await refusal([lines[0], lines[0]])).toBe("line 2: checkpoint 1 follows checkpoint 1: the file is out of order");
  });

  it("refuses a checkpoint that does not quote the one before it (one dropped and another signed in its place)", async () => {
    const lines = await file(2);
    const other = await sign(checkpoint(1, null, [{ chain: 0, sequence: 3, hash: hashOf("other") }]));
    expect(await refusal([other, lines[1]])).toBe('line 2: checkpoint 2 does not follow checkpoint 1 (its "previous" digest differs)');
  });

  it("refuses a chain's signed head moving backwards", async () => {
    const first = await sign(checkpoint(1, null, [{ chain: 4, sequence: 7, hash: hashOf("a") }]));
    const second = await sign(checkpoint(2, checkpointDigest(first), [{ chain: 4, sequence: 6, hash: hashOf("b") }]));
    expect(await refusal([first, second])).toBe("line 2: checkpoint 2 signs chain 4 at entry 6, behind checkpoint 1's entry 7");
    // A head that stays where it was, and a chain the earlier checkpoint did not sign, are fine.
    const third = await sign(checkpoint(2, checkpointDigest(first), [{ chain: 4, sequence: 7, hash: hashOf("a") }, { chain: 5, sequence: 1, hash: hashOf("c") }]));
    expect((await read([first, third])).map((c) => c.number)).toEqual([1, 2]);
  });

  const valid = checkpoint(1, null);
  it.each([
    ["payload", "not json", "the signed checkpoint is not JSON"],
    ["payload", null, "payload"],
    ["payload", 7, "payload"],
    ["number", { ...valid, number: 0 }, "number"],
    ["number", { ...valid, number: 1.5 }, "number"],
    ["number", { ...valid, number: "1" }, "number"],
    ["takenAt", { ...valid, takenAt: "yesterday" }, "takenAt"],
    ["takenAt", { ...valid, takenAt: 5 }, "takenAt"],
    ["previous", { ...valid, previous: "abc" }, "previous"],
    ["previous", { ...valid, previous: undefined }, "previous"],
    ["entries", { ...valid, entries: -1 }, "entries"],
    ["heads", { ...valid, heads: [] }, "heads"],
    ["heads", { ...valid, heads: {} }, "heads"],
    ["heads", { ...valid, heads: [valid.heads[0], valid.heads[0]] }, "heads (a chain twice)"],
    ["head", { ...valid, heads: [null] }, "head"],
    ["head", { ...valid, heads: ["chain 0"] }, "head"],
    ["chain", { ...valid, heads: [{ ...valid.heads[0], chain: 32768 }] }, "head's chain"],
    ["chain", { ...valid, heads: [{ ...valid.heads[0], chain: -1 }] }, "head's chain"],
    ["sequence", { ...valid, heads: [{ ...valid.heads[0], sequence: -1 }] }, "head's sequence"],
    ["hash", { ...valid, heads: [{ ...valid.heads[0], hash: "A".repeat(64) }] }, "head's hash"],
    ["hash", { ...valid, heads: [{ ...valid.heads[0], hash: 1 }] }, "head's hash"],
    ["hash", { ...valid, heads: [{ chain: 0, sequence: 0, hash: hashOf("not genesis") }] }, "head's hash"],
  ])("refuses a signed checkpoint whose %s is not valid (case %#)", async (_field, payload, problem) => {
    const jws = typeof payload === "string" ? await hub.signJws(Buffer.from(payload), { typ: AUDIT_CHECKPOINT_TYPE }) : await sign(payload);
    const expected = problem.startsWith("the signed") ? `line 1: ${problem}` : `line 1: the signed checkpoint's ${problem} is not valid`;
    expect(await refusal([jws])).toBe(expected);
  });

  it("accepts the largest chain id and a chain still empty", async () => {
    const heads = [{ chain: 32767, sequence: 0, hash: GENESIS_HASH }];
    expect((await read([await sign(checkpoint(1, null, heads))]))[0].heads).toEqual(heads);
  });
});
