import { registerEnumType } from "type-graphql";
import { IdentityFactKind } from "../../../subjectAccess/factsHeld";
import { RequesterStanding } from "../../../subjectAccess/RequesterStanding";
import { ItemOutcome, ReviewDecision } from "../../../subjectAccess/SubjectAccessDecision";
import { SubjectAccessClosure, SubjectAccessStatus } from "../../../subjectAccess/SubjectAccessRequest";

registerEnumType(RequesterStanding, { name: "RequesterStanding", description: "Who made a subject access request, in what right: the child, a person with parental responsibility acting for them, or a representative the child authorised." });
registerEnumType(ItemOutcome, { name: "SubjectAccessOutcome", description: "An item of a subject access report: INCLUDED in the release, WITHHELD under an exemption, or held for a decision (REVIEW_REQUIRED)." });
registerEnumType(ReviewDecision, { name: "SubjectAccessReviewDecision", description: "The IG lead's decision on an item held for review." });
registerEnumType(IdentityFactKind, { name: "IdentityFactKind", description: "A name, date of birth, expected date of birth, sex or address the hub holds for the child." });
registerEnumType(SubjectAccessStatus, { name: "SubjectAccessStatus", description: "Whether a subject access request is still being answered." });
registerEnumType(SubjectAccessClosure, { name: "SubjectAccessClosure", description: "How a subject access request ended: RESPONDED, WITHDRAWN by the requester, or REFUSED as manifestly unfounded or excessive (UK GDPR Art 12(5))." });
