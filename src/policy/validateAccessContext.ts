import { ErrorCode, HubError } from "../errors/HubError";
import { type AccessContext } from "./AccessContext";

const MAX_JUSTIFICATION = 2000;
/** A case reference in the form agency systems use: the access context's, and a referral's own. */
export const CASE_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9/_.-]{0,63}$/;

/**
 * The shape of an AccessContext, before policy judges its coherence: text trimmed, lengths bounded,
 * a case reference in a form agency systems use. The justification is recorded verbatim on the audit
 * trail, so it is kept as the caller wrote it (trimmed) and bounded.
 */
export function validateAccessContext(access: AccessContext): AccessContext {
  const justification = access.justification.trim();
  if (justification.length > MAX_JUSTIFICATION) {
    throw new HubError(ErrorCode.INVALID_INPUT, `The justification may be at most ${MAX_JUSTIFICATION} characters.`, { path: "access.justification" });
  }
  const caseReference = access.caseReference?.trim() || null;
  if (caseReference !== null && !CASE_REFERENCE.test(caseReference)) {
    throw new HubError(ErrorCode.INVALID_INPUT, "caseReference may contain letters, digits and / _ . - (at most 64).", { path: "access.caseReference" });
  }
  return { ...access, justification, caseReference, breakGlass: access.breakGlass === true, specialCategoryCondition: access.specialCategoryCondition ?? null };
}
