import { type Principal } from "../auth/Principal";
import { type AccessContext } from "./AccessContext";
import { type DisclosureSubject } from "./DisclosureSubject";
import { type RecordType } from "../records/RecordType";
import { type ReferralStage } from "../referrals/ReferralStage";

/** What a policy test case expects: a refusal, or the decision on every field (design §6, Cerbos-style suites). */
export type ExpectedOutcome =
  | { refused: string; rule: string | null }
  | {
      /** Field path (`KEY.field`) → "disclosed" or the id of the rule expected to withhold it. */
      fields: Record<string, string>;
      brokered: string[];
      sealed: string[];
      grantingRules: string[] | null;
    };

/** One case: a named principal asks about a named resource in an access context, on a day. */
export interface PolicyTestCase {
  name: string;
  file: string;
  line: number;
  principalName: string;
  principal: Principal;
  resourceName: string;
  subject: DisclosureSubject;
  access: AccessContext;
  at: Date;
  expected: ExpectedOutcome;
}

/**
 * One involvement case: does a record of this type, in this state, still found its agency's
 * involvement with the child on a day (policies/relationships.yaml)?
 */
export interface InvolvementTestCase {
  name: string;
  file: string;
  line: number;
  recordType: RecordType;
  /** The record's facts the rule reads (dates YYYY-MM-DD, statuses, flags). */
  details: Record<string, string | boolean>;
  /** When the hub learnt of the record's current state. */
  updatedAt: Date;
  at: Date;
  expected: { involved: boolean; rule: string };
}

/**
 * One referral case: until when does a referral at a stage, received at an instant, keep a MASH case
 * open (policies/relationships.yaml `mashCase`, counted on policies/timescales.yaml)?
 */
export interface ReferralWindowTestCase {
  name: string;
  file: string;
  line: number;
  stage: ReferralStage;
  receivedAt: Date;
  expected: { researchUntil: Date };
}

export interface PolicyTestSuite {
  file: string;
  description: string | null;
  cases: PolicyTestCase[];
  involvementCases: InvolvementTestCase[];
  referralCases: ReferralWindowTestCase[];
}

/** The value a disclosed field takes in `ExpectedOutcome.fields`. */
export const DISCLOSED = "disclosed";
