import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from "jose";
import { GENESIS_HASH } from "./hashChain";
import { AUDIT_CHECKPOINT_TYPE, checkpointDigest, type AuditCheckpoint, type CheckpointHead } from "./AuditCheckpoint";

/** A checkpoint file that cannot be trusted as a whole: the verifier stops rather than check against part of it. */
export class CheckpointFileError extends Error {
  override name = "CheckpointFileError";
}

const HASH = /^[0-9a-f]{64}$/;
const MAX_CHAIN_ID = 32767;

/**
 * Reads an exported checkpoint file (one compact JWS a line, oldest first) and checks each against the
 * hub's published keys — never keys read from the database a tamperer controls. Every line must be a
 * checkpoint signed by one of `keys` (EdDSA, `typ` audit-checkpoint+json) with a well-formed payload;
 * numbers must rise; a checkpoint whose predecessor is in the file must quote that predecessor's
 * digest; and a chain's signed head may never move backwards. The first line that breaks any of these
 * is named, and nothing is returned.
 */
export async function readCheckpointFile(text: string, keys: JSONWebKeySet): Promise<AuditCheckpoint[]> {
  const keySet = createLocalJWKSet(keys);
  const checkpoints: AuditCheckpoint[] = [];
  let previous: { checkpoint: AuditCheckpoint; jws: string } | null = null;
  const lines = text.split("\n");
  for (const [index, raw] of lines.entries()) {
    const jws = raw.trim();
    if (jws === "") continue;
    const where = `line ${index + 1}`;
    let payload: Uint8Array;
    try {
      const verified = await compactVerify(jws, keySet, { algorithms: ["EdDSA"] });
      if (verified.protectedHeader.typ !== AUDIT_CHECKPOINT_TYPE) throw new CheckpointFileError(`${where} is signed by the hub but is not an audit checkpoint`);
      payload = verified.payload;
    } catch (error) {
      if (error instanceof CheckpointFileError) throw error;
      throw new CheckpointFileError(`${where}: its signature does not verify against the given keys (${(error as { code?: string }).code ?? "not a compact JWS"})`);
    }
    const checkpoint = parseCheckpoint(payload, where);
    if (previous !== null) {
      if (checkpoint.number <= previous.checkpoint.number) throw new CheckpointFileError(`${where}: checkpoint ${checkpoint.number} follows checkpoint ${previous.checkpoint.number}: the file is out of order`);
      if (checkpoint.number === previous.checkpoint.number + 1 && checkpoint.previous !== checkpointDigest(previous.jws)) {
        throw new CheckpointFileError(`${where}: checkpoint ${checkpoint.number} does not follow checkpoint ${previous.checkpoint.number} (its "previous" digest differs)`);
      }
      for (const head of checkpoint.heads) {
        const before = previous.checkpoint.heads.find((earlier) => earlier.chain === head.chain);
        if (before !== undefined && head.sequence < before.sequence) {
          throw new CheckpointFileError(`${where}: checkpoint ${checkpoint.number} signs chain ${head.chain} at entry ${head.sequence}, behind checkpoint ${previous.checkpoint.number}'s entry ${before.sequence}`);
        }
      }
    }
    checkpoints.push(checkpoint);
    previous = { checkpoint, jws };
  }
  if (checkpoints.length === 0) throw new CheckpointFileError("the checkpoint file holds no checkpoint");
  return checkpoints;
}

function parseCheckpoint(payload: Uint8Array, where: string): AuditCheckpoint {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload).toString("utf8"));
  } catch {
    throw new CheckpointFileError(`${where}: the signed checkpoint is not JSON`);
  }
  const bad = (what: string) => new CheckpointFileError(`${where}: the signed checkpoint's ${what} is not valid`);
  const object = value as Partial<Record<keyof AuditCheckpoint, unknown>> | null;
  if (object === null || typeof object !== "object") throw bad("payload");
  if (!isCount(object.number) || object.number < 1) throw bad("number");
  if (typeof object.takenAt !== "string" || Number.isNaN(Date.parse(object.takenAt))) throw bad("takenAt");
  if (object.previous !== null && !(typeof object.previous === "string" && HASH.test(object.previous))) throw bad("previous");
  if (!isCount(object.entries)) throw bad("entries");
  if (!Array.isArray(object.heads) || object.heads.length === 0) throw bad("heads");
  const heads = object.heads.map((head: unknown) => parseHead(head, bad));
  if (new Set(heads.map((head) => head.chain)).size !== heads.length) throw bad("heads (a chain twice)");
  return { number: object.number, takenAt: object.takenAt, previous: object.previous, entries: object.entries, heads };
}

function parseHead(value: unknown, bad: (what: string) => Error): CheckpointHead {
  const head = value as Partial<Record<keyof CheckpointHead, unknown>> | null;
  if (head === null || typeof head !== "object") throw bad("head");
  if (!isCount(head.chain) || head.chain > MAX_CHAIN_ID) throw bad("head's chain");
  if (!isCount(head.sequence)) throw bad("head's sequence");
  if (typeof head.hash !== "string" || !HASH.test(head.hash) || (head.sequence === 0 && head.hash !== GENESIS_HASH)) throw bad("head's hash");
  return { chain: head.chain, sequence: head.sequence, hash: head.hash };
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value >= 0;
}
