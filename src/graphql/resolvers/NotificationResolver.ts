import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { acknowledgeNotification } from "../../notifications/inbox/acknowledgeNotification";
import { listNotifications } from "../../notifications/inbox/listNotifications";
import { readNotification } from "../../notifications/inbox/readNotification";
import { NotificationStatus } from "../../notifications/inbox/NotificationStatus";
import { Notification } from "../../notifications/Notification";
import { submitPprcNotification } from "../../notifications/submitPprcNotification";
import { type HubContext } from "../context";
import { ArgumentRules } from "../input/ArgumentRules";
import { uuid } from "../input/uuid";
import { pageSize, TimeAndIdCursor } from "../pagination";
import { NotificationConnection, NotificationNode } from "../types/notifications/NotificationNode";
import { notificationNodeOf } from "../types/notifications/notificationNodeOf";
import { NotificationReceiptType } from "../types/notifications/NotificationReceiptType";
import { PprcNotificationInput } from "../types/notifications/PprcNotificationInput";
import { ChildVictimInput } from "../types/notifications/ChildVictimInput";
import { submitChildVictim } from "../../notifications/childVictims/submitChildVictim";
import { OperationEncompassInput } from "../types/notifications/OperationEncompassInput";
import { submitOperationEncompass } from "../../notifications/operationEncompass/submitOperationEncompass";
import { ChildOnPlanMovedInput } from "../types/notifications/ChildOnPlanMovedInput";
import { submitChildOnPlanMoved } from "../../notifications/planTransfer/submitChildOnPlanMoved";
import { UnscheduledCareAttendanceNotificationInput } from "../types/notifications/UnscheduledCareAttendanceNotificationInput";
import { submitUnscheduledCareAttendance } from "../../notifications/unscheduledCare/submitUnscheduledCareAttendance";
import { SexOffenderHouseholdStayInput } from "../types/notifications/SexOffenderHouseholdStayInput";
import { submitSexOffenderHouseholdStay } from "../../notifications/sexOffenderHouseholds/submitSexOffenderHouseholdStay";
import { PupilRemovedFromRollInput } from "../types/notifications/PupilRemovedFromRollInput";
import { submitPupilRemovedFromRoll } from "../../notifications/childrenMissingEducation/submitPupilRemovedFromRoll";
import { OffenderMovedInput, SafeguardingEnquiryInput } from "../types/notifications/ProbationNotificationInputs";
import { submitOffenderMoved } from "../../notifications/probation/submitOffenderMoved";
import { submitSafeguardingEnquiry } from "../../notifications/probation/submitSafeguardingEnquiry";
import { MashReferralTransferInput } from "../types/notifications/MashReferralTransferInput";
import { submitMashReferralTransfer } from "../../notifications/mashTransfers/submitMashReferralTransfer";

const NOTIFICATIONS = new TimeAndIdCursor("notification");

@Resolver()
export class NotificationResolver {
  @Mutation(() => NotificationReceiptType, {
    description: "A prison notifies a PPRC event. Only PRISON_OMU or AGENCY_SYSTEM callers of the prison itself. The hub links the prisoner and the children at risk, routes the notification by policies/notification-routing.yaml and delivers each recipient its own view, audited.",
  })
  async submitPprcNotification(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => PprcNotificationInput) notification: PprcNotificationInput): Promise<NotificationReceiptType> {
    return submitPprcNotification({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "CP-IS: an unscheduled-care setting's system reports an attendance by a child. Only AGENCY_SYSTEM callers of a health agency the directory holds as an unscheduled-care setting. Every authority holding a plan for the child in force that day (child protection, pre-birth, looked after) is told, audited.",
  })
  async submitUnscheduledCareAttendance(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => UnscheduledCareAttendanceNotificationInput) notification: UnscheduledCareAttendanceNotificationInput): Promise<NotificationReceiptType> {
    return submitUnscheduledCareAttendance({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "Children's social care tells of a child on its child protection plan moving to another authority's area: that authority is told, a transfer-in conference due within the TRANSFER_IN_CONFERENCE timescale. Your authority's AGENCY_SYSTEM, or a SOCIAL_WORKER or CSC_MANAGER for a child your records hold. Audited.",
  })
  async submitChildOnPlanMoved(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => ChildOnPlanMovedInput) notification: ChildOnPlanMovedInput): Promise<NotificationReceiptType> {
    return submitChildOnPlanMoved({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "Operation Encompass: a police force's system tells of a domestic abuse incident involving a child (one notification per child). The school the hub holds the child on the roll of is told before the next school day; its DSL reads the incident's type, dates and the child's role, never intelligence or who reported it. Audited.",
  })
  async submitOperationEncompassNotification(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => OperationEncompassInput) notification: OperationEncompassInput): Promise<NotificationReceiptType> {
    return submitOperationEncompass({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "The police refer a victim under 18 to children's social care where the child lives. Only your force's AGENCY_SYSTEM. Audited.",
  })
  async submitChildVictimReferral(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => ChildVictimInput) notification: ChildVictimInput): Promise<NotificationReceiptType> {
    return submitChildVictim({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "A registered sex offender notified your force of staying 12 hours or more in a household where a child lives: children's social care of the household's authority is told (one notification per child). Only your force's AGENCY_SYSTEM. Audited.",
  })
  async submitSexOffenderHouseholdStay(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => SexOffenderHouseholdStayInput) notification: SexOffenderHouseholdStayInput): Promise<NotificationReceiptType> {
    return submitSexOffenderHouseholdStay({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "A school removed a pupil from its roll at a non-standard point: the local authority of the pupil's home is told, for its children missing education enquiries. Your school's AGENCY_SYSTEM, or its SCHOOL_DSL for a pupil your records hold. Audited.",
  })
  async submitPupilRemovedFromRoll(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => PupilRemovedFromRollInput) notification: PupilRemovedFromRollInput): Promise<NotificationReceiptType> {
    return submitPupilRemovedFromRoll({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "An offender who poses a risk to an identified child moved to another local authority: its children's social care is told, with the offender's and the children's details. Your probation agency's AGENCY_SYSTEM, or a PROBATION_PRACTITIONER for children your records hold while your involvement is current (not lapsed after supervision ended: CHILD_INVOLVEMENT_LAPSED). Audited.",
  })
  async submitOffenderMoved(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => OffenderMovedInput) notification: OffenderMovedInput): Promise<NotificationReceiptType> {
    return submitOffenderMoved({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "Probation's child safeguarding enquiry at sentencing: children's social care where the offender and each child live is asked, and answers the same day as it acknowledges; the answer returns to your agency's inbox (SAFEGUARDING_ENQUIRY_RESPONSE). Your probation agency's AGENCY_SYSTEM, or a PROBATION_PRACTITIONER for children your records hold while your involvement is current (not lapsed after supervision ended: CHILD_INVOLVEMENT_LAPSED). Audited.",
  })
  async submitSafeguardingEnquiry(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => SafeguardingEnquiryInput) notification: SafeguardingEnquiryInput): Promise<NotificationReceiptType> {
    return submitSafeguardingEnquiry({ dataSource, policy }, principal, requestId, notification);
  }

  @Mutation(() => NotificationReceiptType, {
    description: "Your MASH passes a referral about a child living in another authority's area to that authority's MASH, which decides it within REFERRAL_DECISION. Your authority's AGENCY_SYSTEM, or a MASH_PRACTITIONER, SOCIAL_WORKER or CSC_MANAGER for a child your records hold under the referral's reference. Audited.",
  })
  async submitMashReferralTransfer(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("notification", () => MashReferralTransferInput) notification: MashReferralTransferInput): Promise<NotificationReceiptType> {
    return submitMashReferralTransfer({ dataSource, policy }, principal, requestId, notification);
  }

  @Query(() => NotificationConnection, { description: "Your agency's notifications, newest first: only your agency's own, each only in the role its view was decided for (and, those to its staff, to the agency's own system), escalations only for its IG leads, a consultation's advice only for the practitioner who asked. Reading is audited." })
  @ArgumentRules({ after: NOTIFICATIONS.rule })
  async notifications(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("status", () => NotificationStatus, { nullable: true }) status: NotificationStatus | null,
    @Arg("first", () => Int, { nullable: true }) first: number | null,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<NotificationConnection> {
    const page = await listNotifications({ dataSource, policy }, principal, requestId, status, pageSize(first), NOTIFICATIONS.decode(after));
    const types = await typesOf(dataSource, page.deliveries.map((delivery) => delivery.notificationId));
    return {
      nodes: page.deliveries.flatMap((delivery) => {
        const type = types.get(delivery.notificationId);
        return type === undefined ? [] : [notificationNodeOf(delivery, type)];
      }),
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: page.end && NOTIFICATIONS.encode(page.end) },
    };
  }

  @Query(() => NotificationNode, { nullable: true, description: "One notification of your agency's inbox, as `notifications` lists it (the same rules); null when the hub holds no such notification or you may not read it (the two are not distinguished). Reading is audited, naming only its children." })
  @ArgumentRules({ id: uuid })
  async notification(@Ctx() { dataSource, policy, principal, requestId }: HubContext, @Arg("id", () => ID) id: string): Promise<NotificationNode | null> {
    const delivery = await readNotification({ dataSource, policy }, principal, requestId, id);
    if (delivery === null) return null;
    const type = (await typesOf(dataSource, [delivery.notificationId])).get(delivery.notificationId);
    return type === undefined ? null : notificationNodeOf(delivery, type);
  }

  @Mutation(() => NotificationNode, { description: "Acknowledge a notification delivered to your agency, with your reply where one is asked for (`responseRequested`). The reply to probation's child safeguarding enquiry returns to the probation agency that asked. Audited." })
  @ArgumentRules({ id: uuid })
  async acknowledgeNotification(
    @Ctx() { dataSource, policy, principal, requestId }: HubContext,
    @Arg("id", () => ID) id: string,
    @Arg("response", () => String, { nullable: true }) response: string | null,
  ): Promise<NotificationNode> {
    const delivery = await acknowledgeNotification({ dataSource, policy }, principal, requestId, id, response);
    const types = await typesOf(dataSource, [delivery.notificationId]);
    const type = types.get(delivery.notificationId);
    if (type === undefined) throw new Error("a delivery's notification is a foreign key");
    return notificationNodeOf(delivery, type);
  }
}

async function typesOf(dataSource: HubContext["dataSource"], ids: string[]): Promise<Map<string, Notification["type"]>> {
  if (ids.length === 0) return new Map();
  const notifications = await dataSource.getRepository(Notification).find({ where: [...new Set(ids)].map((id) => ({ id })), select: { id: true, type: true } });
  return new Map(notifications.map((notification) => [notification.id, notification.type]));
}
