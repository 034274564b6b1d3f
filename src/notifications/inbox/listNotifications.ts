import { Brackets, type SelectQueryBuilder } from "typeorm";
import { type Principal } from "../../auth/Principal";
import { AuditOperation } from "../../audit/AuditOperation";
import { AuditOutcome } from "../../audit/AuditOutcome";
import { recordAuditEntry } from "../../audit/recordAuditEntry";
import { NotificationDelivery } from "../NotificationDelivery";
import { type NotificationServices } from "../NotificationServices";
import { readableScope } from "./inboxAccess";
import { NotificationStatus } from "./NotificationStatus";
import { keptOutCondition, teamKeyOf } from "../../exclusions/excludes";
import { deliveriesAsTheyLeave, type DeliveryAsItLeaves } from "../deliveriesAsTheyLeave";

/** Where the last page ended: the last delivery's (deliveredAt, id). */
export interface InboxPosition {
  at: Date;
  id: string;
}

export interface InboxPage {
  deliveries: DeliveryAsItLeaves[];
  hasNextPage: boolean;
  end: InboxPosition | null;
}

/**
 * The deliveries the caller may read in its own agency's inbox: addressed to its agency, decided for a
 * role it holds (`inboxAccess`), and about no child a named-staff exclusion keeps it out of — a query
 * builder (alias `delivery`) for a page of them or one.
 */
export function readableDeliveries(dataSource: NotificationServices["dataSource"], principal: Principal): SelectQueryBuilder<NotificationDelivery> {
  const scope = readableScope(principal);
  return dataSource.getRepository(NotificationDelivery).createQueryBuilder("delivery")
    .where("delivery.recipient_agency = :agency", { agency: principal.agency })
    // Only deliveries whose view was decided for a role the caller holds (or, for the agency's system, any to its staff): `inboxAccess`.
    .andWhere(new Brackets((readable) => {
      if (scope.length === 0) readable.where("FALSE");
      scope.forEach((part, index) => {
        const condition = (part.decidedAs === "ANY"
          ? `delivery.audience = :audience${index}`
          : `delivery.audience = :audience${index} AND delivery.decided_as = ANY(:roles${index})`) + (part.addressee === undefined ? "" : ` AND delivery.contact = :addressee${index}`);
        readable.orWhere(condition, {
          [`audience${index}`]: part.audience, ...(part.decidedAs === "ANY" ? {} : { [`roles${index}`]: part.decidedAs }), ...(part.addressee === undefined ? {} : { [`addressee${index}`]: part.addressee }),
        });
      });
    }))
    // A delivery about a child whose file a named-staff exclusion keeps the caller out of is, to them,
    // not there (`exclusions/`): left out before the page is cut, so neither a short page nor
    // `hasNextPage` tells of it.
    .andWhere(`NOT ${keptOutCondition("delivery.child_ids", { sub: ":excludedSub", agency: ":excludedAgency", teamKey: ":excludedTeam" })}`, {
      excludedSub: principal.sub, excludedAgency: principal.agency, excludedTeam: teamKeyOf(principal.team),
    });
}

/**
 * A page of the caller's own agency's inbox, newest first, optionally only the unacknowledged or the
 * acknowledged: what was delivered to the agency, each view as decided and audited at delivery and held
 * to the data subjects' rights in force as it is read (`deliveriesAsTheyLeave`). Reading
 * it is audited too (`NOTIFICATION_INBOX_READ`: the deliveries listed and the children they name) and
 * the page is returned only once that entry has committed.
 */
export async function listNotifications(services: NotificationServices, principal: Principal, requestId: string, status: NotificationStatus | null, first: number, after: InboxPosition | null, now = new Date()): Promise<InboxPage> {
  const { dataSource, policy } = services;
  const query = readableDeliveries(dataSource, principal);
  if (status === NotificationStatus.UNACKNOWLEDGED) query.andWhere("delivery.acknowledged_at IS NULL");
  if (status === NotificationStatus.ACKNOWLEDGED) query.andWhere("delivery.acknowledged_at IS NOT NULL");
  if (after !== null) {
    query.andWhere(new Brackets((older) => older.where("delivery.delivered_at < :at", { at: after.at }).orWhere("delivery.delivered_at = :at AND delivery.id < :id", { at: after.at, id: after.id })));
  }
  const rows = await query.orderBy("delivery.delivered_at", "DESC").addOrderBy("delivery.id", "DESC").take(first + 1).getMany();
  const deliveries = await deliveriesAsTheyLeave(dataSource, policy, rows.slice(0, first));
  const last = deliveries.at(-1);
  await recordAuditEntry(dataSource, {
    requestId, principal, operation: AuditOperation.NOTIFICATION_INBOX_READ, access: null,
    childSuis: deliveries.flatMap((delivery) => delivery.childSuis), outcome: AuditOutcome.DISCLOSED,
    fieldsDisclosed: [], fieldsWithheld: [], policyVersion: policy.version, breakGlass: false, prejudicesInvestigation: false,
    details: {
      status, count: deliveries.length, deliveryIds: deliveries.map((delivery) => delivery.id), disclosureIds: deliveries.map((delivery) => delivery.disclosureId),
      supplementaryStatementIds: deliveries.flatMap((delivery) => delivery.supplementaryStatementIds),
    },
  }, now);
  return { deliveries, hasNextPage: rows.length > first, end: last === undefined ? null : { at: last.deliveredAt, id: last.id } };
}
