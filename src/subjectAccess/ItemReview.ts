import { type ReviewDecision } from "./SubjectAccessDecision";

/**
 * The appropriate health professional's opinion on the serious harm test (DPA 2018 Sch.3 Pt 2 paras 5
 * and 6), as the IG lead records it: who gave it (their role, as the IG lead identifies them), on which
 * day, and whether releasing the item would be likely to cause serious harm.
 */
export interface HealthProfessionalOpinion {
  professional: string;
  /** YYYY-MM-DD. */
  givenOn: string;
  seriousHarm: boolean;
}

/** The IG lead's decision on one item held for review, with the exemptions it answered. */
export interface ItemReview {
  item: string;
  decision: ReviewDecision;
  /**
   * The exemptions (ids) the decision answered. It settles the item only while they cover every
   * exemption that holds it: a label added later holds it for review again.
   */
  exemptions: readonly string[];
  reason: string;
  healthOpinion: HealthProfessionalOpinion | null;
  decidedBySub: string;
  decidedAt: Date;
}
