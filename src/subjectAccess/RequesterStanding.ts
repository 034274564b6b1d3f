/**
 * Who made a subject access request about a child, and in what right. The right of access is the
 * child's own (UK GDPR Art 15); a child who understands it exercises it themself, and others exercise it
 * for them: a person with parental responsibility acting for the child, or someone the child has
 * authorised. Exemptions turn on it (DPA 2018 Sch.3 Pt 5 para 21 applies only to a request by a person
 * with parental responsibility), and so does what must never reach the family (DOMAIN rule 6).
 */
export const RequesterStanding = {
  /** The child, found able to understand their rights (presumed at 16, assessed below). */
  CHILD: "CHILD",
  /** A person with parental responsibility, acting for the child. */
  PERSON_WITH_PARENTAL_RESPONSIBILITY: "PERSON_WITH_PARENTAL_RESPONSIBILITY",
  /** Someone the child authorised in writing (a solicitor, an advocate, another adult). */
  REPRESENTATIVE: "REPRESENTATIVE",
} as const;
export type RequesterStanding = (typeof RequesterStanding)[keyof typeof RequesterStanding];
export const REQUESTER_STANDINGS = Object.values(RequesterStanding);

/** The standings that rest on the child's own capacity: the child's request, and an authority only a capable child can give. */
export const STANDINGS_NEEDING_COMPETENCE: readonly RequesterStanding[] = [RequesterStanding.CHILD, RequesterStanding.REPRESENTATIVE];
