import { type MigrationInterface } from "typeorm";
import { Extensions1763856000000 } from "./1763856000000-Extensions";
import { CoreSchema1795391396706 } from "./1795391396706-CoreSchema";
import { DisclosureAudit1795393531788 } from "./1795393531788-DisclosureAudit";
import { ConsentAndIgAlerts1795393901359 } from "./1795393901359-ConsentAndIgAlerts";
import { IdentityResolution1795398441494 } from "./1795398441494-IdentityResolution";
import { ConsentKeyedByAdult1796536307040 } from "./1796536307040-ConsentKeyedByAdult";
import { IdentityFactSources1796536412211 } from "./1796536412211-IdentityFactSources";
import { InvolvementEnds1796536412212 } from "./1796536412212-InvolvementEnds";
import { Referrals1796536412213 } from "./1796536412213-Referrals";
import { SubjectAccessRequests1796542926051 } from "./1796542926051-SubjectAccessRequests";
import { MatchTermsAndTwoErrorKeys1796600000000 } from "./1796600000000-MatchTermsAndTwoErrorKeys";
import { SourceRecordIndexes1796600000001 } from "./1796600000001-SourceRecordIndexes";
import { AdultsAcrossAgencies1796600000010 } from "./1796600000010-AdultsAcrossAgencies";
import { AgencyDirectory1796600000011 } from "./1796600000011-AgencyDirectory";
import { Notifications1796600000013 } from "./1796600000013-Notifications";
import { RoutedNotifications1796600000015 } from "./1796600000015-RoutedNotifications";
import { RateLimits1796600000020 } from "./1796600000020-RateLimits";
import { WebhookDeliveries1796600000021 } from "./1796600000021-WebhookDeliveries";
import { ReferralBeforeTheChild1796600000022 } from "./1796600000022-ReferralBeforeTheChild";
import { AuditCheckpoints1796600000023 } from "./1796600000023-AuditCheckpoints";
import { RestrictedAdultNames1796600000027 } from "./1796600000027-RestrictedAdultNames";
import { NotificationGovernance1796600000025 } from "./1796600000025-NotificationGovernance";
import { JobQueueSchema1796600000026 } from "./1796600000026-JobQueueSchema";
import { HouseholdView1796600000029 } from "./1796600000029-HouseholdView";
import { ExclusionsAndBreaches1796600000031 } from "./1796600000031-ExclusionsAndBreaches";
import { AuditGenesis1796600000032 } from "./1796600000032-AuditGenesis";
import { DataSubjectRights1796600000030 } from "./1796600000030-DataSubjectRights";
import { KeptForRightsAndSignedGenesis1796600000036 } from "./1796600000036-KeptForRightsAndSignedGenesis";
import { ExclusionsKeyedByChild1796600000037 } from "./1796600000037-ExclusionsKeyedByChild";
import { WebhookBodyAtSend1796600000038 } from "./1796600000038-WebhookBodyAtSend";
import { SubmissionsHoldTheirAgency1796600000039 } from "./1796600000039-SubmissionsHoldTheirAgency";
import { DeliveriesNameTheirChildren1796600000044 } from "./1796600000044-DeliveriesNameTheirChildren";
import { BreachDecidedByAgency1796600000045 } from "./1796600000045-BreachDecidedByAgency";
import { IgAlertsKeyedByChild1796600000046 } from "./1796600000046-IgAlertsKeyedByChild";
import { BreachControllerParts1796600000049 } from "./1796600000049-BreachControllerParts";
import { DirectoryFourEyes1796600000050 } from "./1796600000050-DirectoryFourEyes";
import { ConsoleSessions1796600000051 } from "./1796600000051-ConsoleSessions";
import { BreachPartClocks1796600000052 } from "./1796600000052-BreachPartClocks";
import { EnquiryAnswersNameTheirRecords1796600000053 } from "./1796600000053-EnquiryAnswersNameTheirRecords";
import { RestrictedHoldings1796600000054 } from "./1796600000054-RestrictedHoldings";
import { SealedConsoleSessions1796600000055 } from "./1796600000055-SealedConsoleSessions";
import { TeamKeys1796600000057 } from "./1796600000057-TeamKeys";
import { DecisionsRecordedThrough1796600000058 } from "./1796600000058-DecisionsRecordedThrough";

type MigrationClass = new () => MigrationInterface;

/** In order. Listed explicitly so the same list works from `src/` under jest and from `dist/`. */
export const MIGRATIONS: MigrationClass[] = [
  Extensions1763856000000, CoreSchema1795391396706, DisclosureAudit1795393531788, ConsentAndIgAlerts1795393901359, IdentityResolution1795398441494,
  ConsentKeyedByAdult1796536307040, IdentityFactSources1796536412211, InvolvementEnds1796536412212, Referrals1796536412213,
  SubjectAccessRequests1796542926051, MatchTermsAndTwoErrorKeys1796600000000, SourceRecordIndexes1796600000001,
  AdultsAcrossAgencies1796600000010, AgencyDirectory1796600000011, Notifications1796600000013,
  RoutedNotifications1796600000015, RateLimits1796600000020, WebhookDeliveries1796600000021, ReferralBeforeTheChild1796600000022, AuditCheckpoints1796600000023,
  NotificationGovernance1796600000025, JobQueueSchema1796600000026, RestrictedAdultNames1796600000027,
  HouseholdView1796600000029,
  DataSubjectRights1796600000030,
  ExclusionsAndBreaches1796600000031,
  AuditGenesis1796600000032,
  KeptForRightsAndSignedGenesis1796600000036,
  ExclusionsKeyedByChild1796600000037,
  WebhookBodyAtSend1796600000038,
  SubmissionsHoldTheirAgency1796600000039,
  DeliveriesNameTheirChildren1796600000044,
  BreachDecidedByAgency1796600000045,
  IgAlertsKeyedByChild1796600000046,
  BreachControllerParts1796600000049,
  DirectoryFourEyes1796600000050,
  ConsoleSessions1796600000051,
  BreachPartClocks1796600000052,
  EnquiryAnswersNameTheirRecords1796600000053,
  RestrictedHoldings1796600000054,
  SealedConsoleSessions1796600000055,
  TeamKeys1796600000057,
  DecisionsRecordedThrough1796600000058,
];
