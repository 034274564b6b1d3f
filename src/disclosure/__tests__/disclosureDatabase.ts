import "reflect-metadata";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type DataSource } from "typeorm";
import winston from "winston";
import { type Principal } from "../../auth/Principal";
import { type Role } from "../../auth/Role";
import { DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { openDatabase, type Database } from "../../db/database";
import { Agency } from "../../directory/Agency";
import { type AgencyType } from "../../directory/AgencyType";
import { createLogger } from "../../logging/logger";
import { type AccessContext } from "../../policy/AccessContext";
import { loadPolicies } from "../../policy/loadPolicies";
import { type PolicySet } from "../../policy/PolicySet";
import { type AgencyRecordSubmission } from "../../records/AgencyRecordSubmission";
import { submitRecord } from "../../records/submitRecord";
import { type SubmitReceipt } from "../../records/SubmitReceipt";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { TEST_AGENCIES } from "../../../test/support/fixtures";

/**
 * The disclosure service on a database, without a hub: a fresh database migrated by the hub's own
 * migrations (real PostgreSQL when DATABASE_URL is set, embedded otherwise), the test agency directory,
 * the policies in `policies/`, and records written as agencies write them (`submitRecord`). Each test
 * file makes children of its own; nothing is shared with the demo or the end-to-end scenarios.
 */
export interface DisclosureDatabase {
  dataSource: DataSource;
  policy: PolicySet;
  /** Stores a record as the submitting agency's own system would; answers its receipt. */
  submit(submission: AgencyRecordSubmission): Promise<SubmitReceipt>;
  /** Every audit entry naming this SUI, oldest first (requests with no valid SUI: by request id). */
  auditFor(sui: string): Promise<DisclosureAuditEntry[]>;
  auditEntry(id: string): Promise<DisclosureAuditEntry>;
  auditByRequest(requestId: string): Promise<DisclosureAuditEntry[]>;
  close(): Promise<void>;
}

export const POLICY = loadPolicies(join(__dirname, "..", "..", "..", "policies"));

export async function openDisclosureDatabase(): Promise<DisclosureDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  const database: Database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  const { dataSource } = database;
  await dataSource.getRepository(Agency).insert(TEST_AGENCIES);
  const audit = dataSource.getRepository(DisclosureAuditEntry);
  const typeOf = (code: string): AgencyType => {
    const agency = TEST_AGENCIES.find((candidate) => candidate.code === code);
    if (agency === undefined) throw new Error(`no test agency ${code}`);
    return agency.type;
  };
  return {
    dataSource,
    policy: POLICY,
    submit: (submission) => submitRecord(dataSource, agencySystem(submission.agencyCode, typeOf(submission.agencyCode)), submission),
    auditFor: (sui) => audit.createQueryBuilder("entry").where(":sui = ANY(entry.child_suis)", { sui }).orderBy("entry.occurred_at", "ASC").addOrderBy("entry.sequence", "ASC").getMany(),
    auditEntry: (id) => audit.findOneByOrFail({ id }),
    auditByRequest: (requestId) => audit.find({ where: { requestId }, order: { occurredAt: "ASC", sequence: "ASC" } }),
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

export function agencySystem(agency: string, agencyType: AgencyType): Principal {
  return { sub: `system-${agency.toLowerCase()}`, name: `${agency} system`, agency, agencyType, roles: ["AGENCY_SYSTEM"], localAuthority: "E06000060", team: null, tokenId: null };
}

export function practitioner(sub: string, agency: string, agencyType: AgencyType, roles: Role[], localAuthority = "E06000060"): Principal {
  return { sub, name: `Practitioner ${sub}`, agency, agencyType, roles, localAuthority, team: null, tokenId: null };
}

/** The test directory's callers (test/support/fixtures.ts), one per role the tests need. */
export const CALLER = {
  socialWorker: practitioner("sw-db-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"]),
  cscManager: practitioner("csc-db-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["CSC_MANAGER"]),
  mash: practitioner("mash-db-1", "LA-E06000060", "CHILDRENS_SOCIAL_CARE", ["MASH_PRACTITIONER"]),
  lincolnshire: practitioner("sw-db-lincs", "LA-E10000019", "CHILDRENS_SOCIAL_CARE", ["SOCIAL_WORKER"], "E10000019"),
  police: practitioner("pc-db-1", "POLICE-43", "POLICE", ["POLICE_OFFICER"]),
  gp: practitioner("gp-db-1", "GP-K99001", "HEALTH", ["HEALTH_PRACTITIONER"]),
  hospital: practitioner("ed-db-1", "TRUST-RX1", "HEALTH", ["HEALTH_PRACTITIONER"]),
  schoolDsl: practitioner("dsl-db-1", "SCH-199001", "EDUCATION", ["SCHOOL_DSL"]),
  probation: practitioner("po-db-1", "PDU-BUCKS", "PROBATION", ["PROBATION_PRACTITIONER"]),
  prison: practitioner("hmp-db-1", "HMP-EXAMPLETON", "PRISON", ["PRISON_OMU"]),
} as const;

export function accessFor(purpose: AccessContext["purpose"], parts: Partial<AccessContext> = {}): AccessContext {
  return {
    purpose, lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
    justification: "Concern raised today; checking which agencies are involved.", caseReference: null, breakGlass: false, ...parts,
  };
}

/** A fictional child of a test file's own, living in Buckinghamshire unless told otherwise. */
export function childOf(sui: string | null, givenNames: string, familyName: string, dateOfBirth: string, parts: Partial<AgencyRecordSubmission["child"]> = {}): AgencyRecordSubmission["child"] {
  return {
    sui, givenNames, familyName, dateOfBirth, sex: "FEMALE",
    address: { kind: "HOME", line1: `${givenNames.length} ${familyName} Row`, town: "Sampleton", postcode: "HP20 2BB", localAuthority: "E06000060" },
    ...parts,
  };
}
