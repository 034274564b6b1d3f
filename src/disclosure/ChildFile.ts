import { type Agency } from "../directory/Agency";
import { type Child } from "../people/Child";
import { type ChildIdentityFacts } from "../people/identityFacts";
import { type AgencyRecord } from "../records/AgencyRecord";
import { type RecordType } from "../records/RecordType";
import { type ConsentFact } from "../consent/effectiveConsent";
import { type ConsentOverride } from "../consent/ConsentOverride";
import { type HubReferral } from "../referrals/openReferralNamed";
import { type Relationship } from "../people/Relationship";
import { type RecordRights } from "../dataSubjectRights/RecordRights";

/** One agency record with its detail row, as loaded for a disclosure. */
export interface LoadedRecord {
  record: AgencyRecord;
  agency: Agency;
  /** The detail entity's fields (RECORD_FIELDS of the record type); adults as `PersonFacts`. */
  details: Record<string, unknown>;
}

/** An adult named in a record, as the disclosure may show them (a third party). */
export interface PersonFacts {
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  aliases: string[];
}

/** An agency holding an adult linked to the child, and the record that links them. */
export interface LinkedAdultHolder {
  agencyCode: string;
  /** The record (linked to the child by SUI or a steward) that relates the adult to the child. */
  sourceRecordId: string;
  /** What the record says the adult is to the child (MOTHER, FATHER, …). */
  relationship: Relationship;
  /**
   * The holder's own confirmed record that names the adult now (the source itself, or a record about
   * another child): the holding lasts while its involvement has not lapsed. Absent: the source record.
   */
  holderRecord?: { id: string; recordType: RecordType; updatedAt: Date; details: Record<string, unknown> };
}

/** Everything the hub holds about one child, loaded once per disclosure. Never returned as it is. */
export interface ChildFile {
  child: Child;
  /** Names, addresses, date of birth and sex, each with the records that reported it (design principle 8). */
  identity: ChildIdentityFacts;
  records: Record<RecordType, LoadedRecord[]>;
  /** Agencies that hold a record of an adult linked to the child (prison numbers, probation cases). */
  linkedAdultHolders: LinkedAdultHolder[];
  consentFacts: ConsentFact[];
  consentOverride: ConsentOverride | null;
  /**
   * Referrals MASH practitioners opened in the hub about the child, or whose household view showed the child, at any authority,
   * each with what the authority's own system recorded under its reference (their own systems' referrals are among `records`).
   */
  referrals: HubReferral[];
  /** Supplementary statements on the child's records and restrictions in force over them (UK GDPR Arts 16, 18, 21). */
  rights: RecordRights;
}
