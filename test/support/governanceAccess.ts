/** Access contexts an IG lead and a data steward state, each with its own words for the trail. */
export const IG_REVIEW = {
  purpose: "INFORMATION_GOVERNANCE",
  lawfulBasis: "LEGAL_OBLIGATION",
  specialCategoryCondition: null,
  justification: "Monthly information governance review of disclosures",
  caseReference: "IG-REVIEW-2026-11",
  breakGlass: false,
};

export const SUBJECT_ACCESS = {
  purpose: "SUBJECT_ACCESS_REQUEST",
  lawfulBasis: "LEGAL_OBLIGATION",
  specialCategoryCondition: null,
  justification: "Subject access request from the child's parent, received this week",
  caseReference: "SAR-2026-0117",
  breakGlass: false,
};

export const DATA_QUALITY = {
  purpose: "DATA_QUALITY",
  lawfulBasis: "PUBLIC_TASK",
  specialCategoryCondition: null,
  justification: "Working through the identity link-review queue",
  caseReference: null,
  breakGlass: false,
};
