import { join } from "node:path";
import { type Principal } from "../../auth/Principal";
import { RECORD_FIELDS, effectiveFieldLabels } from "../../records/recordFields";
import { RECORD_TYPES } from "../../records/RecordType";
import { type AccessContext } from "../AccessContext";
import { decideDisclosure } from "../decideDisclosure";
import { CHILD_FIELDS, type DisclosureSubject, type RecordSubject } from "../DisclosureSubject";
import { loadPolicies } from "../loadPolicies";

const policy = loadPolicies(join(__dirname, "..", "..", "..", "policies"));
const socialWorker: Principal = {
  sub: "sw-1", name: "A Social Worker", agency: "LA-E06000060", agencyType: "CHILDRENS_SOCIAL_CARE",
  roles: ["SOCIAL_WORKER"], localAuthority: "E06000060", team: null, tokenId: null,
};
const strategyDiscussion: AccessContext = {
  purpose: "STRATEGY_DISCUSSION", lawfulBasis: "PUBLIC_TASK", specialCategoryCondition: "SAFEGUARDING_CHILDREN",
  justification: "Strategy discussion after a disclosure at school", caseReference: null, breakGlass: false,
};

/** A child with two records of every agency type: about a hundred fields, as a busy MASH case has. */
function busyChild(): DisclosureSubject {
  const records: RecordSubject[] = [{
    path: "demographics", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: [], attributes: {},
    fields: CHILD_FIELDS.map((field) => ({ path: `demographics.${field}`, recordType: "CHILD", field, labels: [] })),
  }];
  for (const recordType of RECORD_TYPES) {
    for (const index of [0, 1]) {
      const path = `${recordType.toLowerCase()}[${index}]`;
      records.push({
        path, recordType, providerAgencyType: null, providerAgencyCode: `${recordType}-${index}`, labels: index === 1 ? ["WITHHOLD_FROM_FAMILY"] : [], attributes: {},
        fields: Object.keys(RECORD_FIELDS[recordType]).map((field) => ({ path: `${path}.${field}`, recordType, field, labels: effectiveFieldLabels(recordType, field) })),
      });
    }
  }
  return { relationships: ["RESPONSIBLE_LOCAL_AUTHORITY"], consent: "NOT_RECORDED", consentOverride: false, openCaseReference: false, records };
}

// How fast the decision is belongs to `npm run bench:disclosure`, measured on a quiet machine; a time
// budget asserted here would fail on a busy one and prove nothing about the rules.
describe("decideDisclosure at hub scale", () => {
  test("every field of a busy child is decided exactly once: disclosed or withheld", () => {
    const child = busyChild();
    expect(child.records.reduce((count, record) => count + record.fields.length, 0)).toBeGreaterThanOrEqual(100);
    const decision = decideDisclosure(policy, socialWorker, strategyDiscussion, child);
    if (decision.outcome !== "DECIDED") throw new Error(decision.message);
    const decided = [...decision.disclosed, ...decision.withheld.map(({ path }) => path)].sort();
    expect(decided).toEqual(child.records.flatMap((record) => record.fields.map(({ path }) => path)).sort());
  });

  test("a BREAK_GLASS relationship passed without a break-glass request is ignored", () => {
    const claimed = { ...busyChild(), relationships: ["BREAK_GLASS" as const] };
    const decision = decideDisclosure(policy, socialWorker, strategyDiscussion, claimed);
    expect(decision.outcome === "DECIDED" && decision.disclosed).toEqual([]);
  });

  test("refusal messages say what to do and carry no personal data", () => {
    const decision = decideDisclosure(policy, socialWorker, { ...strategyDiscussion, lawfulBasis: "LAW_ENFORCEMENT" }, busyChild());
    expect(decision).toMatchObject({ outcome: "REFUSED", problem: "LAW_ENFORCEMENT_NOT_COMPETENT_AUTHORITY", rule: "law-enforcement-competent-authorities" });
    expect(decision.outcome === "REFUSED" && decision.message).toMatch(/competent authorities \(POLICE, PROBATION, PRISON, YOUTH_JUSTICE\).*CHILDRENS_SOCIAL_CARE/);
    expect(JSON.stringify(decision)).not.toContain(socialWorker.name);
  });
});
