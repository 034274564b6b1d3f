import { type DataSource } from "typeorm";
import { AdultIdentifier } from "../../people/AdultIdentifier";

/** The adult the hub holds under the agency's own reference for them (after a merge, the adult merged into), or null. */
export async function heldAdult(dataSource: DataSource, agencyCode: string, reference: string): Promise<string | null> {
  const identifier = await dataSource.getRepository(AdultIdentifier).findOne({ where: { agencyCode, reference }, relations: { adult: true } });
  return identifier === null ? null : identifier.adult.mergedIntoId ?? identifier.adult.id;
}
