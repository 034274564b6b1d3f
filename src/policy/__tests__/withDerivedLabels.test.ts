import { join } from "node:path";
import { type DisclosureSubject, type RecordSubject } from "../DisclosureSubject";
import { loadPolicies } from "../loadPolicies";
import { withDerivedLabels } from "../withDerivedLabels";
import { writePolicyDir } from "./policyFixture";

// The real policies derive WITHHOLD_FROM_FAMILY for a police record of an active investigation (labels.yaml).
const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));

function police(path: string, activeInvestigation: boolean, labels: RecordSubject["labels"] = []): RecordSubject {
  return {
    path, recordType: "POLICE", providerAgencyType: "POLICE", providerAgencyCode: "POL-44", labels, attributes: { activeInvestigation },
    fields: [
      { path: `${path}.incidentType`, recordType: "POLICE", field: "incidentType", labels: [] },
      { path: `${path}.intelligence`, recordType: "POLICE", field: "intelligence", labels: ["THIRD_PARTY", "WITHHOLD_FROM_FAMILY"] },
    ],
  };
}

function child(...records: RecordSubject[]): DisclosureSubject {
  return { relationships: ["AGENCY_INVOLVED"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records };
}

describe("withDerivedLabels", () => {
  test("the policy derives WITHHOLD_FROM_FAMILY from an active police investigation", () => {
    expect(policy.derivedLabels.map(({ label, recordType, when }) => ({ label, recordType, when }))).toEqual([
      { label: "WITHHOLD_FROM_FAMILY", recordType: "POLICE", when: { field: "activeInvestigation", values: [true] } },
    ]);
  });

  test("a record that says what derives a label carries it, on the record and on every field, once", () => {
    const derived = withDerivedLabels(policy, child(police("police[0]", true, ["THIRD_PARTY"])));
    expect(derived.records[0]?.labels).toEqual(["THIRD_PARTY", "WITHHOLD_FROM_FAMILY"]);
    expect(derived.records[0]?.fields.map(({ path, labels }) => ({ path, labels }))).toEqual([
      { path: "police[0].incidentType", labels: ["WITHHOLD_FROM_FAMILY"] },
      { path: "police[0].intelligence", labels: ["THIRD_PARTY", "WITHHOLD_FROM_FAMILY"] },
    ]);
  });

  test("the rest of the subject and of the record are kept", () => {
    const subject = child(police("police[0]", true));
    const derived = withDerivedLabels(policy, subject);
    expect({ ...derived, records: [] }).toEqual({ ...subject, records: [] });
    expect({ ...derived.records[0], labels: [], fields: [] }).toEqual({ ...subject.records[0], labels: [], fields: [] });
    expect(derived.records[0]?.fields.map(({ path, recordType, field }) => ({ path, recordType, field }))).toEqual(
      subject.records[0]?.fields.map(({ path, recordType, field }) => ({ path, recordType, field })));
  });

  test("a record already labelled, or that does not say it, is left as it is", () => {
    const labelled = police("police[0]", true, ["WITHHOLD_FROM_FAMILY"]);
    const closed = police("police[1]", false);
    const derived = withDerivedLabels(policy, child(labelled, closed));
    expect(derived.records[0]).toBe(labelled);
    expect(derived.records[1]).toBe(closed);
  });

  test("the rule applies to its own record type only", () => {
    const health: RecordSubject = { ...police("health[0]", true), recordType: "HEALTH", providerAgencyType: "HEALTH" };
    expect(withDerivedLabels(policy, child(health)).records[0]).toBe(health);
  });

  test("the subject's input is not changed", () => {
    const record = police("police[0]", true);
    withDerivedLabels(policy, child(record));
    expect(record.labels).toEqual([]);
    expect(record.fields[0]?.labels).toEqual([]);
  });

  test("with no derived labels in the policy, the subject itself comes back", () => {
    const subject = child(police("police[0]", true));
    expect(withDerivedLabels(loadPolicies(writePolicyDir()), subject)).toBe(subject);
  });
});
