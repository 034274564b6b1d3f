import { Counter, Gauge } from "prom-client";
import { registers } from "../metrics/hubMetrics";
import { type RetentionRun } from "./removeExpiredFacts";

const runs = new Counter({
  name: "hub_retention_runs_total",
  help: "Retention runs by status: APPLIED (expired facts removed), HELD (a hold on every record stopped it), FAILED.",
  labelNames: ["status"] as const,
  registers,
});

const removed = new Counter({
  name: "hub_retention_removed_total",
  help: "Facts removed past their retention, by kind: record (by record type), name, address, relationship, child.",
  labelNames: ["fact", "record_type"] as const,
  registers,
});

const kept = new Gauge({
  name: "hub_retention_kept_past_retention",
  help: "At the last run, records past their retention that were kept, by reason: hold, consent, rights (a restriction kept as evidence or for legal claims, an erasure refused under an exemption, an open subject access request).",
  labelNames: ["reason"] as const,
  registers,
});

/** Counts a run: no label names a child, an agency or a record. */
export function countRetentionRun(run: RetentionRun | null): void {
  if (run === null) {
    runs.inc({ status: "FAILED" });
    return;
  }
  runs.inc({ status: run.status });
  for (const [recordType, count] of Object.entries(run.recordsRemoved)) removed.inc({ fact: "record", record_type: recordType }, count);
  removed.inc({ fact: "name", record_type: "" }, run.namesRemoved);
  removed.inc({ fact: "address", record_type: "" }, run.addressesRemoved);
  removed.inc({ fact: "relationship", record_type: "" }, run.relationshipsRemoved);
  removed.inc({ fact: "child", record_type: "" }, run.childrenRemoved);
  kept.set({ reason: "hold" }, run.recordsHeld);
  kept.set({ reason: "consent" }, run.recordsKeptForConsent);
  kept.set({ reason: "rights" }, run.recordsKeptForRights);
}
