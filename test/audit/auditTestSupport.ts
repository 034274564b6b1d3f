import "reflect-metadata";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DataSource, type EntityManager } from "typeorm";
import winston from "winston";
import { type Principal } from "../../src/auth/Principal";
import { type Role } from "../../src/auth/Role";
import { type AgencyType } from "../../src/directory/AgencyType";
import { openDatabase, type Database } from "../../src/db/database";
import { createLogger, type Logger } from "../../src/logging/logger";
import { DisclosureAuditEntry } from "../../src/audit/DisclosureAuditEntry";
import { chainForRequest, entryHash } from "../../src/audit/hashChain";
import { type AuditEntryInput } from "../../src/audit/recordAuditEntry";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../support/testDatabase";

export interface AuditTestDatabase {
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh, migrated database: real PostgreSQL when DATABASE_URL is set, embedded otherwise; logging to `logger` (by default nowhere). */
export async function openAuditTestDatabase(poolSize = 8, logger: Logger = silentLogger()): Promise<AuditTestDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase("default", { migrated: true });
  const database: Database = await openDatabase(
    { databaseUrl: testDatabase.url, dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "hub-audit-")), poolSize, ...IN_MEMORY_FOR_TESTS },
    logger,
  );
  return {
    dataSource: database.dataSource,
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

function silentLogger(): Logger {
  return createLogger("error", [new winston.transports.Console({ silent: true })]);
}

export function principal(sub: string, agency: string, agencyType: AgencyType, roles: Role[]): Principal {
  return { sub, name: "Never Logged", agency, agencyType, roles, localAuthority: "E06000060", team: null, tokenId: null };
}

export const IG_LEAD = principal("ig-0001", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["IG_LEAD"]);
export const SOCIAL_WORKER = principal("sw-0101", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]);
export const POLICE_OFFICER = principal("pc-4301", "POLICE-43", "POLICE", ["POLICE_OFFICER"]);
export const SCHOOL_DSL = principal("dsl-0042", "SCH-199001", "EDUCATION", ["SCHOOL_DSL"]);

/** A disclosure of one child's record to a social worker; override any part. */
export function disclosure(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    requestId: "req-default-0001",
    principal: SOCIAL_WORKER,
    operation: "CHILD_RECORD",
    access: {
      purpose: "SECTION_47_ENQUIRY",
      lawfulBasis: "PUBLIC_TASK",
      specialCategoryCondition: "SAFEGUARDING_CHILDREN",
      justification: "Strategy discussion agreed a s.47 enquiry.",
      caseReference: "CP-2026-001",
      breakGlass: false,
    },
    childSuis: ["9990000018"],
    outcome: "DISCLOSED",
    fieldsDisclosed: ["socialCare[0].status"],
    fieldsWithheld: [{ path: "police[0].intelligence", reason: "law-enforcement intelligence", rule: "police-intel-police-only" }],
    policyVersion: "test-policy-v1",
    breakGlass: false,
    prejudicesInvestigation: false,
    details: {},
    ...overrides,
  };
}

/** Request ids that land on the given chain, so a test can put entries exactly where it wants them. */
export function requestIdsOnChain(chain: number, count: number, prefix: string): string[] {
  const ids: string[] = [];
  for (let i = 0; ids.length < count; i++) if (chainForRequest(`${prefix}-${i}`) === chain) ids.push(`${prefix}-${i}`);
  return ids;
}

/**
 * Runs statements (or a function given the connection's manager) as a superuser with triggers off
 * (`session_replication_role = replica`, on one connection), the way someone with direct database
 * access could tamper with the trail.
 */
export async function asTamperingSuperuser(
  dataSource: DataSource,
  tampering: [sql: string, parameters?: unknown[]][] | ((manager: EntityManager) => Promise<void>),
): Promise<void> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query("SET session_replication_role = replica");
    if (typeof tampering === "function") await tampering(runner.manager);
    else for (const [sql, parameters] of tampering) await runner.query(sql, parameters);
  } finally {
    await runner.query("RESET session_replication_role");
    await runner.release();
  }
}

/**
 * Makes `agency` hold a record about each child (creating the agency and the children as needed): the
 * IG lead of an agency answers for the children it holds information about (audit/disclosureQuery.ts).
 */
export async function holdRecordsAbout(dataSource: DataSource, agency: { code: string; type: string }, suis: readonly string[]): Promise<void> {
  await dataSource.query(`INSERT INTO agency (code, name, type) VALUES ($1, $1, $2) ON CONFLICT (code) DO NOTHING`, [agency.code, agency.type]);
  for (const sui of suis) {
    const [child] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO child (sui, given_names, family_name, date_of_birth, sex) VALUES ($1, 'Trail', 'Child', '2015-01-01', 'NOT_KNOWN')
       ON CONFLICT (sui) DO UPDATE SET sui = EXCLUDED.sui RETURNING id`, [sui]);
    await dataSource.query(
      `INSERT INTO agency_record (agency_reference, record_type, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash, agency_code, child_id, reported_identity)
       VALUES ($1, 'SOCIAL_CARE', 'SUI', 'LINKED', 'AUTO', 'test', now(), repeat('0', 64), $2, $3, '{}'::jsonb)`,
      [`REF-${sui}`, agency.code, child.id],
    );
  }
}

/** What a superuser who knows the hash format can do: edit an entry, then recompute every later hash and the head, triggers off. */
export async function rewriteConsistently(dataSource: DataSource, chain: number, fromSequence: number): Promise<void> {
  const entries = await dataSource.getRepository(DisclosureAuditEntry).find({ where: { chainId: chain }, order: { sequence: "ASC" } });
  await asTamperingSuperuser(dataSource, async (manager) => {
    let prevHash = entries[fromSequence - 2]?.hash ?? "0".repeat(64);
    for (const entry of entries.filter((e) => e.sequence >= fromSequence)) {
      const rewritten = { ...entry, prevHash, justification: entry.sequence === fromSequence ? "Routine check" : entry.justification };
      const hash = entryHash(rewritten);
      await manager.query(`UPDATE disclosure_audit SET justification = $2, prev_hash = $3, hash = $4 WHERE id = $1`, [entry.id, rewritten.justification, prevHash, hash]);
      prevHash = hash;
    }
    await manager.query(`UPDATE audit_chain_head SET hash = $2 WHERE chain_id = $1`, [chain, prevHash]);
  });
}
