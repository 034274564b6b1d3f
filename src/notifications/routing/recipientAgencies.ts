import { type EntityManager } from "typeorm";
import { type AgencyType } from "../../directory/AgencyType";
import { agenciesServing } from "../../directory/routingDirectory";

/** Whom a routing rule looks for: agencies of a type serving a local authority. */
export interface RecipientQuery {
  type: AgencyType;
  localAuthority: string;
}

/** An agency a notification can be routed to, as the directory holds it. */
export interface RecipientAgency {
  code: string;
  type: AgencyType;
  /** The authority it was found serving. */
  localAuthority: string | null;
  /** The directory version routing read (`agency_version`); absent in the routing suites' fixture directories. */
  directoryVersion?: number;
}

/** How routing finds recipients: the directory in production, a fixture in the routing suites. */
export type RecipientLookup = (query: RecipientQuery) => Promise<RecipientAgency[]>;

/**
 * The active agencies of a type that serve a local authority (`directory/routingDirectory.ts`: an
 * agency serves every authority its entry lists — a police force or a prison's resettlement area
 * several), in code order, each with the directory version read, which the routing decision records.
 * The one place routing asks the directory.
 */
export function recipientAgencies(manager: EntityManager): RecipientLookup {
  return async ({ type, localAuthority }) =>
    (await agenciesServing(manager, { type, localAuthority })).map(({ entry, version }) => ({ code: entry.code, type: entry.type, localAuthority, directoryVersion: version }));
}
