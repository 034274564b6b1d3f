/** How an adult stands to a child, in the words practitioners use. */
export const Relationship = {
  MOTHER: "MOTHER",
  FATHER: "FATHER",
  STEP_PARENT: "STEP_PARENT",
  PARTNER_OF_PARENT: "PARTNER_OF_PARENT",
  GRANDPARENT: "GRANDPARENT",
  OTHER_RELATIVE: "OTHER_RELATIVE",
  SPECIAL_GUARDIAN: "SPECIAL_GUARDIAN",
  FOSTER_CARER: "FOSTER_CARER",
  HOUSEHOLD_MEMBER: "HOUSEHOLD_MEMBER",
  FAMILY_FRIEND: "FAMILY_FRIEND",
  NO_FAMILIAL_RELATIONSHIP: "NO_FAMILIAL_RELATIONSHIP",
} as const;
export type Relationship = (typeof Relationship)[keyof typeof Relationship];
