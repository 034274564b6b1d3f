/** A field the caller does not get, and the rule that withheld it (design principle 5). */
export interface Withholding {
  path: string;
  /** Plain words for the recipient, e.g. "special-category health data: no Art 9 condition covers this purpose". */
  reason: string;
  /** The policy rule id, or `default-deny` when nothing granted it. */
  rule: string;
}

/** A brokered record: the recipient learns an agency of this type is involved and whom to contact. */
export interface BrokeredRecord {
  path: string;
  rule: string;
}

/** Why a whole request is refused before anything is decided (an incoherent access context). */
export interface Refusal {
  outcome: "REFUSED";
  /** A stable problem code, e.g. PURPOSE_NOT_PERMITTED, LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY. */
  problem: string;
  message: string;
  rule: string;
}

export interface Disclosure {
  outcome: "DECIDED";
  /** Paths of the fields disclosed (FieldSubject.path). */
  disclosed: string[];
  withheld: Withholding[];
  /** Records shown only as "an agency of this type is involved". */
  brokered: BrokeredRecord[];
  /** Records that leave no trace; never shown, never listed in redactions. */
  sealed: string[];
  /** Ids of the policy rules that granted what was disclosed (for the audit entry). */
  grantingRules: string[];
}

export type DisclosureDecision = Refusal | Disclosure;
