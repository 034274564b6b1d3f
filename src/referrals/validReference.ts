import { ErrorCode, HubError } from "../errors/HubError";
import { CASE_REFERENCE } from "../policy/validateAccessContext";

/** A referral's reference: the same shape a case reference takes in an access context, which names it. */
export function validReference(raw: string, path: string): string {
  const reference = raw.trim();
  if (!CASE_REFERENCE.test(reference)) throw new HubError(ErrorCode.INVALID_INPUT, "A reference may contain letters, digits and / _ . - (at most 64).", { path });
  return reference;
}
