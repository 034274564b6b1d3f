import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * The hub's Prometheus metrics, in one registry served at `/metrics`. Every label is drawn from a closed
 * set the hub defines — a root field of the schema, an error code, a purpose, an audit operation or
 * outcome, a policy rule id — never from what a caller typed (an operation's name is the caller's) and
 * never anything about a person.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry, prefix: "hub_" });

export const registers = [metricsRegistry];

export const graphqlRequests = new Counter({
  name: "hub_graphql_requests_total",
  help: "GraphQL requests by root field of the schema and outcome (ok, or the first error's extensions.code).",
  labelNames: ["operation", "outcome"] as const,
  registers,
});

export const graphqlDuration = new Histogram({
  name: "hub_graphql_request_duration_seconds",
  help: "Time from a GraphQL request's parse to its response, by root field.",
  labelNames: ["operation"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers,
});

export const auditEntries = new Counter({
  name: "hub_audit_entries_total",
  help: "Audit entries committed, by operation, outcome and the purpose stated (NONE where the operation takes none).",
  labelNames: ["operation", "outcome", "purpose"] as const,
  registers,
});

export const refusals = new Counter({
  name: "hub_refusals_total",
  help: "Audited refusals (and concealments) by purpose, error code and the policy rule that decided them.",
  labelNames: ["purpose", "code", "rule"] as const,
  registers,
});

export const redactions = new Counter({
  name: "hub_redactions_total",
  help: "Fields withheld from a disclosure, by the policy rule that withheld them.",
  labelNames: ["rule"] as const,
  registers,
});

export const auditBatchSize = new Histogram({
  name: "hub_audit_batch_entries",
  help: "Audit entries committed together in one transaction (group commit).",
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
  registers,
});

export const auditCommitSeconds = new Histogram({
  name: "hub_audit_commit_seconds",
  help: "Time to chain and durably commit one batch of audit entries.",
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
  registers,
});

export const linkingBatchSize = new Histogram({
  name: "hub_linking_batch_records",
  help: "Agency records stored and linked together in one transaction.",
  buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
  registers,
});

export const linkingSeconds = new Histogram({
  name: "hub_linking_batch_seconds",
  help: "Time to store and link one batch of agency records.",
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  registers,
});

export const recordsStored = new Counter({
  name: "hub_records_stored_total",
  help: "Agency records submitted and committed, by outcome (CREATED, UPDATED, UNCHANGED).",
  labelNames: ["outcome"] as const,
  registers,
});

export const rateLimited = new Counter({
  name: "hub_rate_limited_total",
  help: "Requests refused for being over a rate limit, by which limit (principal or agency).",
  labelNames: ["limit"] as const,
  registers,
});

export const webhookOutcomes = new Counter({
  name: "hub_webhook_attempts_total",
  help: "Webhook delivery attempts by outcome: delivered (2xx), failed (to be retried), dead (attempts spent), withheld (the agency is kept out of a child it is about).",
  labelNames: ["outcome"] as const,
  registers,
});
