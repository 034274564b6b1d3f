/** A value the hub answered, as a person reads it: a list joined by semicolons, an address or a name by its parts. */
export function shown(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.map((item) => (typeof item === "object" && item !== null ? partsOf(item as object, " ") : String(item))).join("; ");
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "object") return partsOf(value, ", ");
  return typeof value === "string" || typeof value === "number" ? String(value) : JSON.stringify(value);
}

function partsOf(value: object, separator: string): string {
  return Object.values(value).filter((part) => part !== null && part !== undefined && part !== "").join(separator);
}
