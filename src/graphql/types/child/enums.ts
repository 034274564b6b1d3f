import { registerEnumType } from "type-graphql";
import { Purpose } from "../../../policy/Purpose";
import { LawfulBasis } from "../../../policy/LawfulBasis";
import { SpecialCategoryCondition } from "../../../policy/SpecialCategoryCondition";
import { RelationshipKind } from "../../../policy/RelationshipKind";
import { ConsentState } from "../../../policy/ConsentState";
import { ConsentDecision, ConsentGiver } from "../../../consent/ConsentRecord";
import { IgAlertKind, IgAlertOutcome, IgAlertStatus } from "../../../alerts/IgAlert";

const ENUMS: [object, string, string][] = [
  [Purpose, "Purpose", "Why the caller asks; every read of personal data states one."],
  [LawfulBasis, "LawfulBasis", "UK GDPR Art 6 basis, or LAW_ENFORCEMENT (DPA 2018 Part 3)."],
  [SpecialCategoryCondition, "SpecialCategoryCondition", "Art 9 / DPA 2018 Sch.1 condition for special-category data."],
  [RelationshipKind, "LegitimateRelationship", "How the caller is legitimately connected with the child."],
  [ConsentState, "ConsentState", "The consent that governs a purpose, after the competent-child rule."],
  [ConsentGiver, "ConsentGiver", "Who decided: the child, or a person with parental responsibility."],
  [ConsentDecision, "ConsentDecision", "Consent given, refused, or withdrawn."],
  [IgAlertStatus, "IgAlertStatus", "Whether an IG alert awaits review."],
  [IgAlertOutcome, "IgAlertOutcome", "What the IG review concluded."],
  [IgAlertKind, "IgAlertKind", "What raised an IG alert: break-glass, an excluded caller's attempt on a child's file, or a notification duty towards an agency an agency-wide exclusion keeps out of the child."],
];
for (const [enumObject, name, description] of ENUMS) registerEnumType(enumObject, { name, description });
