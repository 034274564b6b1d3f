import { Field, InputType } from "type-graphql";
import { MaxLength } from "class-validator";
import { Purpose } from "../../../policy/Purpose";
import { LawfulBasis } from "../../../policy/LawfulBasis";
import { SpecialCategoryCondition } from "../../../policy/SpecialCategoryCondition";
import { type AccessContext } from "../../../policy/AccessContext";
import { InputFieldRule } from "../../input/ArgumentRules";
import { caseReference } from "../../input/caseReference";

@InputType("AccessContext", { description: "Why this read, on what lawful basis. Recorded verbatim on the audit trail." })
export class AccessContextInput implements AccessContext {
  @Field(() => Purpose)
  purpose: Purpose;

  @Field(() => LawfulBasis)
  lawfulBasis: LawfulBasis;

  @Field(() => SpecialCategoryCondition, { nullable: true, description: "Required to receive special-category data (health, ethnicity, religion, sex life)." })
  specialCategoryCondition: SpecialCategoryCondition | null;

  @Field(() => String, { description: "Why you need this, in your own words; recorded verbatim." })
  @MaxLength(2000)
  justification: string;

  @Field(() => String, { nullable: true, description: "The referral or case this read is for." })
  @InputFieldRule(caseReference)
  @MaxLength(64)
  caseReference: string | null;

  @Field(() => Boolean, { nullable: true, description: "Emergency access: a wider view, a mandatory substantial reason, an IG alert and a review." })
  breakGlass: boolean;
}
