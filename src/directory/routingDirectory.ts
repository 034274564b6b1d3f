import { type EntityManager } from "typeorm";
import { Agency } from "./Agency";
import { AgencyVersion } from "./AgencyVersion";
import { type AgencyType } from "./AgencyType";
import { directoryEntryOf, type DirectoryEntry } from "./DirectoryEntry";

/*
 * The directory as routing reads it. A routing decision records each recipient's `(code, version)`;
 * `agencyVersion` gives back exactly the entry that version was, whatever has changed since.
 */

/** A directory entry as routing uses it: with the version it read, for the decision to record. */
export interface VersionedDirectoryEntry {
  entry: DirectoryEntry;
  version: number;
}

/**
 * The active agencies of a type that serve a local authority (among the several a police force or a
 * prison's resettlement area serves), as the directory stands in the caller's transaction, in code
 * order. Routing records each recipient's `(code, version)`, so its decision can be explained against
 * the entry it used even after the directory changes (`agencyVersion`).
 */
export async function agenciesServing(manager: EntityManager, area: { type: AgencyType; localAuthority: string }): Promise<VersionedDirectoryEntry[]> {
  const agencies = await manager
    .getRepository(Agency)
    .createQueryBuilder("agency")
    .where("agency.type = :type", { type: area.type })
    .andWhere("agency.served_local_authorities @> ARRAY[:localAuthority]::varchar[]", { localAuthority: area.localAuthority })
    .andWhere("agency.active = true")
    .orderBy("agency.code", "ASC")
    .getMany();
  return agencies.map((agency) => ({ entry: directoryEntryOf(agency), version: agency.version }));
}

/**
 * One agency's directory entry: the current one (active or not), or with `version` the one a past
 * decision recorded, exactly as it stood then. Null when the directory holds no such agency or version.
 */
export async function agencyVersion(manager: EntityManager, code: string, version?: number): Promise<VersionedDirectoryEntry | null> {
  if (version === undefined) {
    const agency = await manager.getRepository(Agency).findOneBy({ code });
    return agency === null ? null : { entry: directoryEntryOf(agency), version: agency.version };
  }
  const stored = await manager.getRepository(AgencyVersion).findOneBy({ agencyCode: code, version });
  return stored === null ? null : { entry: stored.entry, version: stored.version };
}
