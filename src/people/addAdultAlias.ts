import { type EntityManager } from "typeorm";
import { rekeyAdults } from "../identity/adults/adultProfiles";
import { takeAdultLinkingLock } from "../identity/linkingLock";
import { NameKind } from "./NameKind";
import { tidyName } from "./personName";

/**
 * A name an agency reports for an adult it already holds becomes an ALIAS of the same person (a PPRC's
 * request to change name: DOMAIN.md scenario 2), kept as that agency's report like every adult name.
 * The adult is rekeyed under the adult linking lock, so a later report under the new name is matched
 * to the same person. A name the agency already gave changes nothing.
 */
export async function addAdultAlias(manager: EntityManager, adultId: string, name: { givenNames: string; familyName: string }, reportedBy: string): Promise<void> {
  await takeAdultLinkingLock(manager);
  const inserted = await manager.query<{ id: string }[]>(
    `INSERT INTO adult_name (adult_id, given_names, family_name, kind, reported_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING id`,
    [adultId, tidyName(name.givenNames), tidyName(name.familyName), NameKind.ALIAS, reportedBy],
  );
  if (inserted.length > 0) await rekeyAdults(manager, [adultId]);
}
