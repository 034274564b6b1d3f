import { type EntityManager } from "typeorm";
import { locationWithheld } from "../../people/unrestrictedSource";
import { normalisePostcode } from "../../people/postcode";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { type ContentEntry, type NotificationContent } from "./NotificationContent";

interface ProtectedPlace {
  sui: string;
  localAuthority: string | null;
  postcode: string;
}

/** Whether a value a notification derives from an address (an authority's code, or an address) names this protected place. */
function names(value: unknown, place: ProtectedPlace): boolean {
  if (typeof value === "string") return place.localAuthority !== null && value === place.localAuthority;
  if (value === null || typeof value !== "object") return false;
  const address = value as { postcode?: unknown; localAuthority?: unknown };
  const postcode = typeof address.postcode === "string" ? normalisePostcode(address.postcode) : null;
  return (postcode !== null && postcode === place.postcode) || names(address.localAuthority, place);
}

function protect(entry: ContentEntry, places: readonly ProtectedPlace[]): ContentEntry {
  const sui = entry.values.sui;
  if (typeof sui !== "string" || entry.valueLabels === undefined) return entry;
  const held = places.filter((place) => place.sui === sui);
  const valueLabels = Object.fromEntries(Object.entries(entry.valueLabels).map(([field, labels = []]) => [
    field,
    !labels.includes(SensitivityLabel.LOCATION_WITHHELD) && held.some((place) => names(entry.values[field], place)) ? [...labels, SensitivityLabel.LOCATION_WITHHELD] : labels,
  ]));
  return { ...entry, valueLabels };
}

/**
 * A notifying agency may report, unlabelled, where a child is that the hub already holds as a protected
 * location (a refuge, a placement: the prisoner knows where the child is). The child's file withholds
 * every report of a protected location and what is derived from it, whatever another record calls it
 * (design principle 8); a notification does the same: a value it derives from an address — the child's
 * home authority, an address — carries LOCATION_WITHHELD when it names the authority or postcode of a
 * protected location the hub holds for the child — whichever record protects it, a sealed or brokered
 * one included, as in the child's file (`people/identityFacts.ts`): a refuge must not reach anyone
 * because the record that protected it is hidden; that the location is protected is all they learn.
 */
export async function protectLocationsHeld(manager: EntityManager, content: NotificationContent): Promise<NotificationContent> {
  const suis = [...new Set(content.sections.flatMap((section) => section.entries.map((entry) => entry.values.sui)).filter((sui): sui is string => typeof sui === "string"))];
  if (suis.length === 0) return content;
  const places: ProtectedPlace[] = await manager.query(
    `SELECT c.sui, a.local_authority AS "localAuthority", a.postcode FROM child c JOIN child_address a ON a.child_id = c.id
      WHERE c.sui = ANY($1::text[]) AND c.merged_into_id IS NULL AND ${locationWithheld("a")}`,
    [suis],
  );
  if (places.length === 0) return content;
  return { sections: content.sections.map((section) => ({ ...section, entries: section.entries.map((entry) => protect(entry, places)) })) };
}
