/**
 * When a recorded decision about a child still counts, as SQL conditions on its row: every reader of
 * consent decisions and overrides (the governed read, `disclosure/loadChildFile.ts`, and the answer to
 * the recorder, `loadConsent.ts`) asks these, so the two never disagree.
 *
 * A decision rests on the recorder's agency holding a record about this child (DOMAIN rule 3; the
 * `consentRecorders` policy). When a steward splits that record off as another child's (a pupil sent
 * with this child's NHS number), or it is removed, what was recorded through it was never this child's
 * to count: a consent would open sharing nobody agreed to, a refusal would block sharing nobody refused.
 */

/** One of the records the decision `alias` was recorded through is still this child's, confirmed by the SUI or a steward. */
const THROUGH_A_RECORD_STILL_HELD = (alias: string) => `EXISTS (
  SELECT 1 FROM agency_record r WHERE r.id = ANY(${alias}.recorded_through) AND r.child_id = ${alias}.child_id
    AND r.link_state = 'LINKED' AND r.link_method <> 'PROBABILISTIC')`;

/**
 * A consent decision `alias` (a `consent_record` row) counts:
 * - through a record still this child's. A decision from before the hub kept its records, whose records
 *   could not be found (`recorded_through` null), no longer opens sharing but still refuses it, as a
 *   parent's decision not keyed by the adult does (`effectiveConsent.ts`), so the change opens nothing
 *   anyone refused;
 * - for a parent's, while the record that founded their parental responsibility is still this child's:
 *   after a steward splits it off, that adult is no longer known to be this child's parent.
 */
export const CONSENT_STANDS = (alias: string) => `
  (${THROUGH_A_RECORD_STILL_HELD(alias)} OR (${alias}.recorded_through IS NULL AND ${alias}.decision <> 'GIVEN'))
  AND (${alias}.parental_responsibility_source_id IS NULL OR EXISTS (
    SELECT 1 FROM agency_record r WHERE r.id = ${alias}.parental_responsibility_source_id AND r.child_id = ${alias}.child_id AND r.link_state = 'LINKED'))`;

/**
 * A safeguarding override `alias` (a `consent_override` row) stands through a record still this child's,
 * or when the manager's agency held none (its involvement came from elsewhere). One from before the hub
 * kept its records, whose records could not be found, no longer stands: it opens sharing, so it fails
 * closed, and the manager records it again.
 */
export const OVERRIDE_STANDS = (alias: string) => `
  (cardinality(${alias}.recorded_through) = 0 OR ${THROUGH_A_RECORD_STILL_HELD(alias)})`;
