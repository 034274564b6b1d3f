import { ErrorCode, HubError } from "../../errors/HubError";
import { CASE_REFERENCE } from "../../policy/validateAccessContext";
import { type ArgumentRule } from "./ArgumentRules";

/**
 * A case reference, or a referral's own: letters, digits and / _ . - (at most 64), surrounding spaces
 * aside; blank is no reference. Refused at the edge, before anything runs: a look-alike letter, a
 * full-width digit or an invisible joiner makes a string that reads as a referral's reference and is
 * not it, and the hub answers such a claim as the malformed input it is rather than as a reference
 * that names nothing.
 */
export const caseReference: ArgumentRule = (value, path) => {
  const reference = value.trim();
  if (reference !== "" && !CASE_REFERENCE.test(reference)) {
    throw new HubError(ErrorCode.INVALID_INPUT, `\`${path}\` may contain letters, digits and / _ . - (at most 64).`, { path });
  }
};
