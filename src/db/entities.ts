import { Agency } from "../directory/Agency";
import { AgencyChangeProposal } from "../directory/AgencyChangeProposal";
import { AgencyVersion } from "../directory/AgencyVersion";
import { Child } from "../people/Child";
import { ChildName } from "../people/ChildName";
import { ChildAddress } from "../people/ChildAddress";
import { Adult } from "../people/Adult";
import { AdultName } from "../people/AdultName";
import { AdultIdentifier } from "../people/AdultIdentifier";
import { AdultNationalIdentifier } from "../people/AdultNationalIdentifier";
import { AdultMatchKey } from "../identity/adults/AdultMatchKey";
import { AdultLinkReview } from "../identity/adults/AdultLinkReview";
import { AdultIdentityChange } from "../identity/adults/AdultIdentityChange";
import { ChildAdultRelationship } from "../people/ChildAdultRelationship";
import { AgencyRecord } from "../records/AgencyRecord";
import { SocialCareRecord } from "../records/details/SocialCareRecord";
import { PoliceRecord } from "../records/details/PoliceRecord";
import { HealthRecord } from "../records/details/HealthRecord";
import { EducationRecord } from "../records/details/EducationRecord";
import { ProbationRecord } from "../records/details/ProbationRecord";
import { PrisonRecord } from "../records/details/PrisonRecord";
import { YouthJusticeRecord } from "../records/details/YouthJusticeRecord";
import { HubMetadata } from "./HubMetadata";
import { ConsentRecord } from "../consent/ConsentRecord";
import { ConsentOverride } from "../consent/ConsentOverride";
import { IgAlert } from "../alerts/IgAlert";
import { RecordLinkEvent } from "../identity/RecordLinkEvent";
import { LinkReview } from "../identity/LinkReview";
import { ChildMatchProfile } from "../identity/ChildMatchProfile";
import { ChildMatchKey } from "../identity/ChildMatchKey";
import { ChildMatchTerm } from "../identity/ChildMatchTerm";
import { ChildIdentityChange } from "../identity/ChildIdentityChange";
import { AUDIT_ENTITIES } from "../audit/auditEntities";
import { Referral } from "../referrals/Referral";
import { SubjectAccessRequest } from "../subjectAccess/SubjectAccessRequest";
import { SubjectAccessItemDecision } from "../subjectAccess/SubjectAccessItemDecision";
import { Notification } from "../notifications/Notification";
import { NotificationDelivery } from "../notifications/NotificationDelivery";
import { WebhookDelivery } from "../webhooks/WebhookDelivery";
import { ChildExclusion } from "../exclusions/ChildExclusion";
import { PersonalDataBreach } from "../breaches/PersonalDataBreach";
import { ConsoleSession } from "../console/ConsoleSession";
import { ControllerPart } from "../breaches/ControllerPart";

/** Listed explicitly (not globbed) so the same list works from `src/` under jest and from `dist/`. */
export const ENTITIES = [
  Agency,
  AgencyVersion,
  AgencyChangeProposal,
  Child, ChildName, ChildAddress,
  Adult, AdultName, AdultIdentifier, AdultNationalIdentifier, ChildAdultRelationship,
  AdultMatchKey, AdultLinkReview, AdultIdentityChange,
  AgencyRecord,
  SocialCareRecord, PoliceRecord, HealthRecord, EducationRecord, ProbationRecord, PrisonRecord, YouthJusticeRecord,
  HubMetadata,
  ...AUDIT_ENTITIES,
  ConsentRecord, ConsentOverride, IgAlert,
  RecordLinkEvent, LinkReview, ChildMatchProfile, ChildMatchKey, ChildMatchTerm, ChildIdentityChange,
  Referral,
  SubjectAccessRequest, SubjectAccessItemDecision,
  Notification, NotificationDelivery, WebhookDelivery,
  ChildExclusion, PersonalDataBreach, ControllerPart, ConsoleSession,
];
