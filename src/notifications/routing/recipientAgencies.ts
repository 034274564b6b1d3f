import { type EntityManager } from "typeorm";
import { type AgencyType } from "../../directory/AgencyType";
import { agenciesServing, agencyVersion } from "../../directory/routingDirectory";

/** Whom a routing rule looks for: agencies of a type serving a local authority, or one agency by code if it is of the type. */
export type RecipientQuery = { type: AgencyType; localAuthority: string } | { type: AgencyType; agencyCode: string };

/** An agency a notification can be routed to, as the directory holds it. */
export interface RecipientAgency {
  code: string;
  type: AgencyType;
  /** The authority it was found serving (null when it was named by code). */
  localAuthority: string | null;
  /** The directory version routing read (`agency_version`); absent in the routing suites' fixture directories. */
  directoryVersion?: number;
}

/** How routing finds recipients: the directory in production, a fixture in the routing suites. */
export type RecipientLookup = (query: RecipientQuery) => Promise<RecipientAgency[]>;

/**
 * The active agencies of a type that serve a local authority (`directory/routingDirectory.ts`: an
 * agency serves every authority its entry lists — a police force or a prison's resettlement area
 * several), in code order; or the one agency the facts name, if the directory holds it active and of
 * the type. Each comes with the directory version read, which the routing decision records. The one
 * place routing asks the directory.
 */
export function recipientAgencies(manager: EntityManager): RecipientLookup {
  return async (query) => {
    if ("agencyCode" in query) {
      const found = await agencyVersion(manager, query.agencyCode);
      if (found === null || !found.entry.active || found.entry.type !== query.type) return [];
      return [{ code: found.entry.code, type: found.entry.type, localAuthority: null, directoryVersion: found.version }];
    }
    const { type, localAuthority } = query;
    return (await agenciesServing(manager, { type, localAuthority })).map(({ entry, version }) => ({ code: entry.code, type: entry.type, localAuthority, directoryVersion: version }));
  };
}
