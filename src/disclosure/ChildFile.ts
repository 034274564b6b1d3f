import { type Agency } from "../directory/Agency";
import { type Child } from "../people/Child";
import { type ChildAddress } from "../people/ChildAddress";
import { type ChildName } from "../people/ChildName";
import { type AgencyRecord } from "../records/AgencyRecord";
import { type RecordType } from "../records/RecordType";
import { type ConsentFact } from "../consent/effectiveConsent";
import { type ConsentOverride } from "../consent/ConsentOverride";

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

/** Everything the hub holds about one child, loaded once per disclosure. Never returned as it is. */
export interface ChildFile {
  child: Child;
  names: ChildName[];
  addresses: ChildAddress[];
  records: Record<RecordType, LoadedRecord[]>;
  /** Agency codes that hold a record of an adult linked to the child (prison numbers, probation cases). */
  agenciesHoldingLinkedAdults: Set<string>;
  consentFacts: ConsentFact[];
  consentOverride: ConsentOverride | null;
}
