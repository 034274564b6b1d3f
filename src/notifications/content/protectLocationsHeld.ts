import { type DataSource, type EntityManager } from "typeorm";
import { locationWithheld } from "../../people/unrestrictedSource";
import { normalisePostcode } from "../../people/postcode";
import { SensitivityLabel } from "../../records/SensitivityLabel";
import { type ContentEntry, type NotificationContent } from "./NotificationContent";

/** A protected location the hub holds for one of a notification's children: what an address would name it by. */
export interface ProtectedPlace {
  localAuthority: string | null;
  postcode: string;
}

/**
 * Whether a value a notification derives from an address names this protected place: an address by its
 * postcode, wherever it sits; in an entry about the child itself (`aboutChild`, one carrying its SUI), a
 * value derived from the child's address (its home authority), or an address, also by the authority.
 */
function names(value: unknown, place: ProtectedPlace, aboutChild: boolean): boolean {
  if (typeof value === "string") return aboutChild && place.localAuthority !== null && value === place.localAuthority;
  if (!isAddress(value)) return false;
  const postcode = typeof value.postcode === "string" ? normalisePostcode(value.postcode) ?? "" : "";
  return (postcode !== "" && postcode === place.postcode) || (aboutChild && names(value.localAuthority, place, aboutChild));
}

/** An address-valued field: an object with a postcode or an authority, wherever in the content it sits. */
function isAddress(value: unknown): value is { postcode?: unknown; localAuthority?: unknown } {
  return value !== null && typeof value === "object" && !Array.isArray(value) && ("postcode" in value || "localAuthority" in value);
}

/** Whether a value of a recipient's view, as it leaves, is an address at one of the protected places (by its postcode). */
export function namesProtectedPlace(value: unknown, places: readonly ProtectedPlace[]): boolean {
  return places.some((place) => names(value, place, false));
}

function protect(entry: ContentEntry, places: readonly ProtectedPlace[]): ContentEntry {
  // Every field derived from an address (the entry's labelled fields) and every address-valued field, whichever section it sits in.
  const fields = new Set([...Object.keys(entry.valueLabels ?? {}), ...Object.keys(entry.values).filter((field) => isAddress(entry.values[field]))]);
  const aboutChild = typeof entry.values.sui === "string";
  const valueLabels = { ...entry.valueLabels };
  let changed = false;
  for (const field of fields) {
    const labels = valueLabels[field] ?? [];
    if (labels.includes(SensitivityLabel.LOCATION_WITHHELD) || !places.some((place) => names(entry.values[field], place, aboutChild))) continue;
    valueLabels[field] = [...labels, SensitivityLabel.LOCATION_WITHHELD];
    changed = true;
  }
  return changed ? { ...entry, valueLabels } : entry;
}

/**
 * The protected locations the hub holds for the children a notification is about: each child a record
 * it was told from is linked to (by the child's id: a child awaiting an SUI, or not yet born, included),
 * and each child it names by SUI. Whichever record protects a location — a sealed or brokered one
 * included, as in the child's file (`people/identityFacts.ts`) — and whenever it was protected. One
 * statement; by notification when asked for several.
 */
export async function protectedPlacesOf(db: DataSource | EntityManager, notifications: readonly { key: string; recordIds: readonly string[]; suis: readonly string[] }[]): Promise<Map<string, ProtectedPlace[]>> {
  const places = new Map<string, ProtectedPlace[]>();
  const asked = notifications.filter((notification) => notification.recordIds.length > 0 || notification.suis.length > 0);
  if (asked.length === 0) return places;
  const rows = await db.query<{ key: string; localAuthority: string | null; postcode: string }[]>(
    `SELECT DISTINCT n.key, a.local_authority AS "localAuthority", a.postcode
       FROM jsonb_to_recordset($1::jsonb) AS n(key text, "recordIds" uuid[], suis text[])
       JOIN child c ON c.merged_into_id IS NULL AND (c.sui = ANY(n.suis) OR c.id IN (SELECT r.child_id FROM agency_record r WHERE r.id = ANY(n."recordIds")))
       JOIN child_address a ON a.child_id = c.id
      WHERE ${locationWithheld("a")}`,
    [JSON.stringify(asked)],
  );
  for (const row of rows) places.set(row.key, [...(places.get(row.key) ?? []), { localAuthority: row.localAuthority, postcode: normalisePostcode(row.postcode) ?? "" }]);
  return places;
}

/**
 * A notifying agency may report, unlabelled, where a child is that the hub already holds as a protected
 * location (a refuge, a placement: the prisoner knows where the child is). The child's file withholds
 * every report of a protected location and what is derived from it, whatever another record calls it
 * (design principle 8); a notification does the same: every address-valued field of every section, and
 * every value derived from an address (the child's home authority), carries LOCATION_WITHHELD when it
 * names the authority or postcode of a protected location the hub holds for any child the notification
 * is about (`protectedPlacesOf`) — the child's SUI may sit in another section than the address (a plan's
 * move, a removal from roll), or the child may have none yet. A refuge must not reach anyone because the
 * record that protected it is hidden; that the location is protected is all they learn. A location
 * protected after submission is held back as the delivery leaves (`deliveriesAsTheyLeave`).
 */
export async function protectLocationsHeld(db: DataSource | EntityManager, content: NotificationContent, recordIds: readonly string[]): Promise<NotificationContent> {
  const suis = [...new Set(content.sections.flatMap((section) => section.entries.map((entry) => entry.values.sui)).filter((sui): sui is string => typeof sui === "string"))];
  const places = (await protectedPlacesOf(db, [{ key: "", recordIds, suis }])).get("") ?? [];
  if (places.length === 0) return content;
  return { sections: content.sections.map((section) => ({ ...section, entries: section.entries.map((entry) => protect(entry, places)) })) };
}
