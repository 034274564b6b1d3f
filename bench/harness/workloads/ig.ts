import { type BenchCaller } from "../../benchToken";
import { type Workload } from "../workload";

const IG_LEAD: BenchCaller = { sub: "bench-ig-lead", name: "Bench IG lead", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["IG_LEAD"], la: "E06000060" };

const DISCLOSURES = `query ($filter: DisclosureFilterInput, $access: AccessContext!) { disclosures(filter: $filter, access: $access, first: 20) {
  totalCount pageInfo { hasNextPage endCursor }
  nodes { id occurredAt operation outcome breakGlass childSuis principal { sub agency roles } access { purpose justification } fieldsWithheld { path rule } chain sequence }
} }`;

const REVIEW = {
  purpose: "INFORMATION_GOVERNANCE", lawfulBasis: "LEGAL_OBLIGATION", specialCategoryCondition: null,
  justification: "Load test of the monthly information governance review of disclosures", caseReference: "IG-REVIEW-BENCH", breakGlass: false,
};

/**
 * An IG lead paging through the trail, newest first, as the review queue does: break-glass reads,
 * then every child record read (each request itself audited). No ungoverned counterpart: the trail
 * is only read through governance.
 */
export const igWorkload: Workload = {
  name: "ig",
  caller: IG_LEAD,
  postgresOnly: "the embedded server's socket interleaves the count and the page of concurrent reads (08P01)",
  async prepare() {
    return {
      governed: (index) => ({ query: DISCLOSURES, variables: { access: REVIEW, filter: index % 2 === 0 ? { breakGlass: true } : { operation: "CHILD_RECORD" } } }),
      ungoverned: null,
    };
  },
};
