import { type Principal } from "../auth/Principal";
import { type AccessContext } from "../policy/AccessContext";
import { decideDisclosure } from "../policy/decideDisclosure";
import { type Disclosure, type Withholding } from "../policy/DisclosureDecision";
import { type DisclosureSubject, type RecordSubject } from "../policy/DisclosureSubject";
import { type PolicySet } from "../policy/PolicySet";
import { SensitivityLabel } from "../records/SensitivityLabel";

const { WITHHOLD_FROM_FAMILY } = SensitivityLabel;

const carriesLabel = (record: RecordSubject) => record.labels.includes(WITHHOLD_FROM_FAMILY) || record.fields.some((field) => field.labels.includes(WITHHOLD_FROM_FAMILY));

/**
 * Some things never reach the family (DOMAIN rule 6: forced marriage, honour-based abuse, FII, an active
 * investigation). When the label keeps a record's content from this caller — the engine, asked again
 * without it, would have disclosed more, or names it as the reason for withholding — even a redaction
 * entry could tell a family-reachable recipient too much. Such records are concealed like sealed ones;
 * the refusal stays on the audit entry.
 */
export function concealFromFamily(policy: PolicySet, principal: Principal, access: AccessContext, subject: DisclosureSubject, decision: Disclosure): { decision: Disclosure; concealed: Withholding[] } {
  const labelled = subject.records.filter((record) => record.recordType !== "CHILD" && carriesLabel(record));
  if (labelled.length === 0) return { decision, concealed: [] };

  const without = (record: RecordSubject): RecordSubject => ({
    ...record,
    labels: record.labels.filter((label) => label !== WITHHOLD_FROM_FAMILY),
    fields: record.fields.map((field) => ({ ...field, labels: field.labels.filter((label) => label !== WITHHOLD_FROM_FAMILY) })),
  });
  const counterfactual = decideDisclosure(policy, principal, access, { ...subject, records: subject.records.map((record) => (labelled.includes(record) ? without(record) : record)) });
  if (counterfactual.outcome !== "DECIDED") return { decision, concealed: [] };

  const disclosed = new Set(decision.disclosed);
  const wouldDisclose = new Set(counterfactual.disclosed);
  // Also conceal where the label is merely the stated reason for withholding: the reason itself says
  // "forced marriage, honour-based abuse, FII or an active investigation".
  const labelRule = policy.restrictions.find((restriction) => restriction.label === WITHHOLD_FROM_FAMILY)?.id;
  const withheldForLabel = new Set(decision.withheld.filter((w) => w.rule === labelRule).map((w) => w.path));
  const concealedRecords = labelled
    .filter((record) => record.fields.some((field) => (wouldDisclose.has(field.path) && !disclosed.has(field.path)) || withheldForLabel.has(field.path)))
    .map((record) => record.path);
  if (concealedRecords.length === 0) return { decision, concealed: [] };

  const inConcealed = (path: string) => concealedRecords.some((record) => path.startsWith(`${record}.`));
  return {
    decision: {
      ...decision,
      disclosed: decision.disclosed.filter((path) => !inConcealed(path)),
      withheld: decision.withheld.filter((w) => !inConcealed(w.path)),
      sealed: [...decision.sealed, ...concealedRecords],
    },
    concealed: decision.withheld.filter((w) => inConcealed(w.path)),
  };
}
