/**
 * The Art 9 / DPA 2018 Sch.1 condition that lets special-category data (health, ethnicity, religion,
 * sex life) be shared: Sch.1 para 18 safeguarding of children, Art 9(2)(h) health or social care,
 * Sch.1 para 6 statutory purposes.
 */
export const SpecialCategoryCondition = {
  SAFEGUARDING_CHILDREN: "SAFEGUARDING_CHILDREN",
  HEALTH_OR_SOCIAL_CARE: "HEALTH_OR_SOCIAL_CARE",
  STATUTORY_PURPOSE: "STATUTORY_PURPOSE",
} as const;
export type SpecialCategoryCondition = (typeof SpecialCategoryCondition)[keyof typeof SpecialCategoryCondition];
export const SPECIAL_CATEGORY_CONDITIONS = Object.values(SpecialCategoryCondition);
