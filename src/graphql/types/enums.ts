import { registerEnumType } from "type-graphql";
import { WebhookStatus } from "../../webhooks/WebhookStatus";
import { AgencyType } from "../../directory/AgencyType";
import { Role } from "../../auth/Role";
import { Sex } from "../../people/Sex";
import { AddressKind } from "../../people/AddressKind";
import { Relationship } from "../../people/Relationship";
import { NameKind } from "../../people/NameKind";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { RecordType } from "../../records/RecordType";
import { SubmitOutcome } from "../../records/SubmitReceipt";
import { LinkMethod, LinkOrigin, LinkState } from "../../identity/linkVocabulary";
import { LinkOutcome } from "../../identity/LinkOutcome";
import { LinkReviewStatus } from "../../identity/LinkReview";
import { LinkAction } from "../../identity/RecordLinkEvent";
import { IdentityChangeKind } from "../../identity/ChildIdentityChange";
import { LinkDecision } from "../../identity/stewardship/LinkDecision";
import { AdultLinkDecision } from "../../identity/adults/stewardship/AdultLinkDecision";
import { AdultLinkReviewStatus } from "../../identity/adults/AdultLinkReview";
import { AdultLinkMethod } from "../../people/AdultLinkMethod";
import { CarriedRecords } from "../../identity/stewardship/wrongLinkReport";
import { LegalStatus, PlanCategory, SocialCareStatus } from "../../records/details/SocialCareRecord";
import { ChildRoleInIncident, PoliceIncidentType } from "../../records/details/PoliceRecord";
import { NamedProfessionalRole, UnscheduledCareSetting } from "../../records/details/HealthRecord";
import { ConcernCategory, ExclusionType, RollStatus, SenStatus } from "../../records/details/EducationRecord";
import { RoshGroup, RoshLevel } from "../../records/details/riskVocabulary";
import { PprcStatus } from "../../records/details/PrisonRecord";
import { ConcernLevel, YouthJusticeDisposal } from "../../records/details/YouthJusticeRecord";

/** The domain's vocabularies, exposed under the same names and values agency systems integrate with. */
const ENUMS: [object, string, string][] = [
  [AgencyType, "AgencyType", "The kind of partner agency."],
  [Role, "Role", "A caller's role, from the token's `roles` claim."],
  [Sex, "Sex", "Sex as recorded by the submitting agency."],
  [AddressKind, "AddressKind", "What an address is to the child."],
  [Relationship, "Relationship", "How an adult stands to a child."],
  [NameKind, "NameKind", "USUAL, an ALIAS reported by an agency, or a PREVIOUS name."],
  [SensitivityLabel, "SensitivityLabel", "A label on a record or field that drives redaction."],
  [RecordType, "RecordType", "The type of an agency record: one per agency type."],
  [SubmitOutcome, "SubmitOutcome", "What a submission did: CREATED, UPDATED, or UNCHANGED (identical resubmission)."],
  [LinkMethod, "LinkMethod", "How a record was linked to its child."],
  [LinkState, "LinkState", "Whether a link stands (LINKED), awaits review (POSSIBLE) or was rejected."],
  [LinkOrigin, "LinkOrigin", "Whether automation (AUTO) or a person (MANUAL) decided a link."],
  [LinkReviewStatus, "LinkReviewStatus", "Where a link review stands: OPEN, or how it was closed."],
  [LinkAction, "LinkAction", "A change in a record's link history: LINKED, UNLINKED, PROPOSED (a review opened) or REJECTED."],
  [LinkDecision, "LinkDecision", "A data steward's decision on a link review."],
  [IdentityChangeKind, "IdentityChangeKind", "A merge of two children or adults, or a split of one."],
  [AdultLinkDecision, "AdultLinkDecision", "A data steward's decision on an adult link review."],
  [AdultLinkReviewStatus, "AdultLinkReviewStatus", "Where an adult link review stands."],
  [AdultLinkMethod, "AdultLinkMethod", "How an agency's reference for a person came to name the hub's adult."],
  [CarriedRecords, "CarriedRecords", "Whether a disclosure carried the content of wrongly linked records."],
  [SocialCareStatus, "SocialCareStatus", "Children's social care involvement (Children Act 1989)."],
  [PlanCategory, "PlanCategory", "Category of a child protection plan."],
  [LegalStatus, "LegalStatus", "Legal status of a looked-after child or a child under an order."],
  [PoliceIncidentType, "PoliceIncidentType", "The kind of police incident or notification."],
  [ChildRoleInIncident, "ChildRoleInIncident", "The child's part in a police incident."],
  [UnscheduledCareSetting, "UnscheduledCareSetting", "Where an unscheduled-care attendance happened."],
  [NamedProfessionalRole, "NamedProfessionalRole", "The health professional named for the child."],
  [RollStatus, "RollStatus", "The child's status on a school roll."],
  [SenStatus, "SenStatus", "Special educational needs provision."],
  [ExclusionType, "ExclusionType", "A suspension or a permanent exclusion."],
  [ConcernCategory, "ConcernCategory", "The category of a safeguarding concern a school recorded."],
  [RoshLevel, "RoshLevel", "Risk of serious harm level."],
  [RoshGroup, "RoshGroup", "Whom a risk of serious harm is to."],
  [PprcStatus, "PprcStatus", "A prisoner's status as a person posing a risk to children."],
  [YouthJusticeDisposal, "YouthJusticeDisposal", "The youth justice disposal or order."],
  [ConcernLevel, "ConcernLevel", "A child's safety and wellbeing concern level."],
  [WebhookStatus, "WebhookStatus", "Where a webhook delivery stands: PENDING (being tried), DELIVERED (the receiver answered 2xx: never sent again), DEAD (every attempt failed), WITHHELD (the agency is kept out of a child it is about: never sent)."],
];

for (const [enumObject, name, description] of ENUMS) registerEnumType(enumObject, { name, description });

/** Told before receipts stopped saying how a record was linked; kept so that clients built then still validate. */
const NO_LONGER_TOLD = "No longer answered: a receipt says RECEIVED, since how a record was linked would tell the submitter whom the hub holds.";
registerEnumType(LinkOutcome, {
  name: "LinkOutcome",
  description: "What a receipt says of linking a submitted record: RECEIVED, the hub holds the record and links it to its child itself. The other values are no longer answered.",
  valuesConfig: {
    SUI: { deprecationReason: NO_LONGER_TOLD },
    MATCHED: { deprecationReason: NO_LONGER_TOLD },
    REVIEW_PENDING: { deprecationReason: NO_LONGER_TOLD },
    NEW_CHILD: { deprecationReason: NO_LONGER_TOLD },
    MANUAL: { deprecationReason: NO_LONGER_TOLD },
  },
});
