import { type EntityManager } from "typeorm";
import { Agency } from "../../directory/Agency";
import { type AgencyType } from "../../directory/AgencyType";

/** Whom a routing rule looks for: agencies of a type serving a local authority. */
export interface RecipientQuery {
  type: AgencyType;
  localAuthority: string;
}

/** An agency a notification can be routed to, as the directory holds it. */
export interface RecipientAgency {
  code: string;
  type: AgencyType;
  localAuthority: string | null;
}

/** How routing finds recipients: the directory in production, a fixture in the routing suites. */
export type RecipientLookup = (query: RecipientQuery) => Promise<RecipientAgency[]>;

/**
 * The active agencies of a type that serve a local authority, in code order. Reads the directory as it
 * stands (one local authority per agency); the one place routing asks the directory, so agencies
 * serving several authorities (a police force, a prison's resettlement area) are found here once the
 * directory records them.
 */
export function recipientAgencies(manager: EntityManager): RecipientLookup {
  return async ({ type, localAuthority }) =>
    (await manager.getRepository(Agency).find({ where: { type, localAuthority, active: true }, order: { code: "ASC" } }))
      .map(({ code, type: agencyType, localAuthority: area }) => ({ code, type: agencyType, localAuthority: area }));
}
