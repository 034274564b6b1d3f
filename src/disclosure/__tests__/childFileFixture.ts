import { type Agency } from "../../directory/Agency";
import { NO_RIGHTS } from "../../dataSubjectRights/RecordRights";
import { type AgencyType } from "../../directory/AgencyType";
import { type AddressFact, type VisibleIdentity } from "../../people/identityFacts";
import { type Child } from "../../people/Child";
import { type AgencyRecord } from "../../records/AgencyRecord";
import { RECORD_TYPES, type RecordType } from "../../records/RecordType";
import { type ChildFile, type LoadedRecord } from "../ChildFile";

/**
 * Small, hand-made child files for the disclosure's pure steps: only the parts those steps read are
 * filled in (the entities are cast from partial literals), so each test says what it depends on.
 */
export function agency(type: AgencyType, code: string, contact: Partial<Pick<Agency, "contactEmail" | "contactPhone" | "name">> = {}): Agency {
  return { code, name: `${code} name`, type, contactEmail: `${code.toLowerCase()}@example.org`, contactPhone: "0300 000 0000", ...contact } as Agency;
}

export function loaded(type: RecordType, id: string, details: Record<string, unknown> = {}, parts: Partial<AgencyRecord> = {}, holder: Agency = agency(type as AgencyType, `${type}-1`)): LoadedRecord {
  const record = {
    id, recordType: type, agencyReference: `REF-${id}`, recordedAt: new Date("2026-10-01T09:00:00Z"), updatedAt: new Date("2026-10-02T09:00:00Z"),
    linkMethod: "SUI", linkState: "LINKED", labels: [], fieldLabels: {}, ...parts,
  } as AgencyRecord;
  return { record, agency: holder, details };
}

export function childFile(records: LoadedRecord[], parts: Partial<ChildFile> = {}): ChildFile {
  const byType = Object.fromEntries(RECORD_TYPES.map((type) => [type, records.filter(({ record }) => record.recordType === type)])) as ChildFile["records"];
  return {
    child: { id: "child-1", sui: "9990000018" } as Child,
    identity: { usual: { givenNames: "Ada", familyName: "Lowe", dateOfBirth: "2015-04-09", expectedDateOfBirth: null, sex: "FEMALE" }, names: [], addresses: [], reports: [] } as unknown as ChildFile["identity"],
    records: byType, linkedAdultHolders: [], consentFacts: [], consentOverride: null, referrals: [], rights: NO_RIGHTS, ...parts,
  };
}

export function address(id: string, sources: string[], parts: Partial<AddressFact> = {}): AddressFact {
  return {
    id, kind: "HOME", line1: `${id} High Street`, line2: "Flat 2", town: "Exeter", postcode: "EX1 1AA", localAuthority: "E10000008",
    labels: [], validFrom: "2025-01-01", firstReportedAt: new Date("2025-01-02T00:00:00Z"), sources, ...parts,
  };
}

export const NO_IDENTITY: VisibleIdentity = { givenNames: null, familyName: null, aliases: [], dateOfBirth: null, sex: null, addresses: [], residence: null };
