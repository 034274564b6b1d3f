import { type Principal } from "../auth/Principal";
import { type AccessContext } from "./AccessContext";
import { type DisclosureSubject } from "./DisclosureSubject";

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

export interface PolicyTestSuite {
  file: string;
  description: string | null;
  cases: PolicyTestCase[];
}

/** The value a disclosed field takes in `ExpectedOutcome.fields`. */
export const DISCLOSED = "disclosed";
