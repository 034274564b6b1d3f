import { join } from "node:path";
import { performance } from "node:perf_hooks";
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
    path: "demographics", recordType: "CHILD", providerAgencyType: null, providerAgencyCode: null, labels: [],
    fields: CHILD_FIELDS.map((field) => ({ path: `demographics.${field}`, recordType: "CHILD", field, labels: [] })),
  }];
  for (const recordType of RECORD_TYPES) {
    for (const index of [0, 1]) {
      const path = `${recordType.toLowerCase()}[${index}]`;
      records.push({
        path, recordType, providerAgencyType: null, providerAgencyCode: `${recordType}-${index}`, labels: index === 1 ? ["WITHHOLD_FROM_FAMILY"] : [],
        fields: Object.keys(RECORD_FIELDS[recordType]).map((field) => ({ path: `${path}.${field}`, recordType, field, labels: effectiveFieldLabels(recordType, field) })),
      });
    }
  }
  return { relationships: ["RESPONSIBLE_LOCAL_AUTHORITY"], consent: "NOT_RECORDED", consentOverride: false, records };
}

describe("decideDisclosure at hub scale", () => {
  test("decides about a hundred fields well within a millisecond or two", () => {
    const child = busyChild();
    const fields = child.records.reduce((count, record) => count + record.fields.length, 0);
    expect(fields).toBeGreaterThanOrEqual(100);
    for (let warmUp = 0; warmUp < 200; warmUp++) decideDisclosure(policy, socialWorker, strategyDiscussion, child);
    const runs = 1000;
    const started = performance.now();
    for (let run = 0; run < runs; run++) decideDisclosure(policy, socialWorker, strategyDiscussion, child);
    const perDecision = (performance.now() - started) / runs;
    expect(perDecision).toBeLessThan(2);
  });

  test("every field is decided exactly once: disclosed or withheld", () => {
    const child = busyChild();
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
