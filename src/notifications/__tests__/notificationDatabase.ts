import "reflect-metadata";
import { join } from "node:path";
import { Writable } from "node:stream";
import { type DataSource } from "typeorm";
import winston from "winston";
import { type Principal } from "../../auth/Principal";
import { type Role } from "../../auth/Role";
import { DisclosureAuditEntry } from "../../audit/DisclosureAuditEntry";
import { openDatabase, type Database } from "../../db/database";
import { type DirectoryEntry } from "../../directory/DirectoryEntry";
import { writeDirectoryEntry } from "../../directory/writeDirectoryEntry";
import { type AgencyType } from "../../directory/AgencyType";
import { createLogger } from "../../logging/logger";
import { loadPolicies } from "../../policy/loadPolicies";
import { type PolicySet } from "../../policy/PolicySet";
import { createTestDatabase, type TestDatabase, IN_MEMORY_FOR_TESTS } from "../../../test/support/testDatabase";
import { type PprcNotificationSubmission } from "../PprcNotificationSubmission";

export const POLICY: PolicySet = loadPolicies(join(__dirname, "..", "..", "..", "policies"));

/** This file's own directory: fictional agencies in two local authorities, no other test's or the demo's. */
export const DIRECTORY = [
  agency("LA-E06000060", "Vale children's services", "CHILDRENS_SOCIAL_CARE", "E06000060", "front.door@vale.example"),
  agency("LA-E10000019", "Fenshire children's services", "CHILDRENS_SOCIAL_CARE", "E10000019", "mash@fenshire.example"),
  agency("PDU-E06000060", "Vale probation delivery unit", "PROBATION", "E06000060", "pdu@vale.example"),
  agency("YOT-E06000060", "Vale youth offending team", "YOUTH_JUSTICE", "E06000060", null),
  agency("POLICE-91", "Vale Constabulary", "POLICE", "E06000060", "ppu@vale-police.example"),
  agency("POLICE-92", "Fenshire Constabulary", "POLICE", "E10000019", null),
  agency("HMP-NORTHFEN", "HMP Northfen", "PRISON", "E10000019", "omu@northfen.example"),
  agency("HMP-SALTMARSH", "HMP Saltmarsh", "PRISON", "E10000019", null),
  agency("SCH-700001", "Vale Primary School", "EDUCATION", "E06000060", null),
];

export function agency(code: string, name: string, type: AgencyType, localAuthority: string, contactEmail: string | null): DirectoryEntry {
  return {
    code, name, type, localAuthority, servedLocalAuthorities: [localAuthority], policeForceArea: null, contactEmail, contactPhone: null,
    escalationEmail: null, escalationPhone: null, webhookUrl: null, active: true,
  };
}

export interface NotificationDatabase {
  dataSource: DataSource;
  auditEntry(id: string): Promise<DisclosureAuditEntry>;
  auditByRequest(requestId: string): Promise<DisclosureAuditEntry[]>;
  close(): Promise<void>;
}

/** A fresh database migrated by the hub's own migrations (real PostgreSQL when DATABASE_URL is set), with this directory and any `extra` agencies. */
export async function openNotificationDatabase(extra: readonly DirectoryEntry[] = []): Promise<NotificationDatabase> {
  const testDatabase: TestDatabase = await createTestDatabase("default", { migrated: true });
  const silent = new winston.transports.Stream({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }) });
  const database: Database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 4, ...IN_MEMORY_FOR_TESTS }, createLogger("error", [silent]));
  const { dataSource } = database;
  // Through the directory's one write path, as an import would: each agency at version 1.
  await dataSource.transaction(async (manager) => {
    for (const entry of [...DIRECTORY, ...extra]) await writeDirectoryEntry(manager, entry, { changedBy: "notification-tests", changedByAgency: null, source: "IMPORT" });
  });
  const audit = dataSource.getRepository(DisclosureAuditEntry);
  return {
    dataSource,
    auditEntry: (id) => audit.findOneByOrFail({ id }),
    auditByRequest: (requestId) => audit.find({ where: { requestId }, order: { occurredAt: "ASC", sequence: "ASC" } }),
    async close() {
      await database.close();
      await testDatabase.drop();
    },
  };
}

export function person(sub: string, agencyCode: string, agencyType: AgencyType, roles: Role[], localAuthority = "E06000060"): Principal {
  return { sub, name: `Officer ${sub}`, agency: agencyCode, agencyType, roles, localAuthority, team: null, tokenId: null };
}

export const PRISON_OMU = person("omu-northfen-1", "HMP-NORTHFEN", "PRISON", ["PRISON_OMU"], "E10000019");
/** The prison's own system: it reports children the prison did not hold before (an officer names only those it holds). */
export const PRISON_SYSTEM = person("system-northfen", "HMP-NORTHFEN", "PRISON", ["AGENCY_SYSTEM"], "E10000019");

/** Scenario 1: a confirmed PPRC released to the Vale; the identified child lives in Fenshire. */
export function releaseOf(reference: string, parts: Partial<PprcNotificationSubmission> = {}): PprcNotificationSubmission {
  return {
    agencyCode: "HMP-NORTHFEN",
    reference,
    event: "RELEASE",
    eventDate: "2026-11-16",
    establishment: "HMP Northfen",
    pprcStatus: "CONFIRMED",
    mappa: { category: 1, level: 2 },
    prisoner: { prisonNumber: "A7301QZ", givenNames: "Corwin", familyName: "Ashdale", dateOfBirth: "1984-06-12", sex: "MALE", homeLocalAuthority: "E06000060", postcode: "HP21 7QQ" },
    release: { date: "2026-11-20", address: { kind: "HOME", line1: "4 Larchmere Close", town: "Valeford", postcode: "HP21 7QQ", localAuthority: "E06000060" } },
    offenderManagementUnitContact: "omu@northfen.example",
    childrenAtRisk: [{
      reference: "NF-PPRC-7301-C1", sui: "9990071004", givenNames: "Poppy", familyName: "Fernleigh", dateOfBirth: "2017-03-08", sex: "FEMALE",
      address: { kind: "HOME", line1: "12 Reedbank Lane", town: "Fenby", postcode: "PE21 4XX", localAuthority: "E10000019" }, relationshipToPrisoner: "FATHER",
    }],
    ...parts,
  };
}
