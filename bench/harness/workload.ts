import { type BenchCaller } from "../benchToken";

/** A query on the hub's database, as the workload's set-up needs it (TypeORM's or a bare pg client's). */
export type Query = (sql: string, parameters?: unknown[]) => Promise<unknown[]>;

export interface GraphQLRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** What a workload sends, request by request, once its fixtures are in place. */
export interface WorkloadRequests {
  /** The n-th request to the hub. */
  governed: (index: number) => GraphQLRequest;
  /** The same work without governance, through the same stack on the baseline server (`baselineResolvers.ts`), or null when there is none to compare. */
  ungoverned: { label: string; request: (index: number) => GraphQLRequest } | null;
}

/**
 * One kind of traffic the harness drives. Adding one (search, notifications) is a module in
 * `workloads/` and a line in `workloads/index.ts`.
 */
export interface Workload {
  name: string;
  /** Who sends it: a token is signed for this caller. */
  caller: BenchCaller;
  /** Why it runs on PostgreSQL only, or null when the embedded database carries it too. */
  postgresOnly: string | null;
  /** Puts the workload's own fixtures in the hub's database (demo data loaded, migrations run). */
  prepare(query: Query): Promise<WorkloadRequests>;
}
