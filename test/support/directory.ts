import { type TestHub } from "./testHub";
import { type TestClaims } from "./testKeys";

/**
 * Two directory administrators: a new agency or a change to its routing fields takes effect only when
 * a second, different administrator approves it (src/directory/README.md, four eyes).
 */
export const DIRECTORY_PROPOSER: TestClaims = { sub: "directory-admin-proposer", name: "Test directory-admin-proposer", agency: "LA-E06000060", agency_type: "CHILDRENS_SOCIAL_CARE", roles: ["DIRECTORY_ADMIN"], la: "E06000060" };
export const DIRECTORY_APPROVER: TestClaims = { ...DIRECTORY_PROPOSER, sub: "directory-admin-approver", name: "Test directory-admin-approver" };

const UPSERT = /* GraphQL */ `mutation ($agency: AgencyInput!) { upsertAgency(agency: $agency) { outcome version proposal { id } } }`;
const APPROVE = /* GraphQL */ `mutation ($id: ID!) { approveAgencyChange(id: $id) { outcome version } }`;

/** Sets an agency's entry as two administrators do: one proposes, the other approves when approval is needed. Fails the test on any error. */
export async function changeAgency(hub: TestHub, agency: Record<string, unknown>): Promise<{ outcome: string; version: number }> {
  const proposed = await hub.graphql(UPSERT, { agency }, await hub.token(DIRECTORY_PROPOSER)).expect(200);
  if (proposed.body.errors !== undefined) throw new Error(`upsertAgency: ${JSON.stringify(proposed.body.errors)}`);
  const receipt = proposed.body.data.upsertAgency as { outcome: string; version: number; proposal: { id: string } | null };
  if (receipt.proposal === null) return receipt;
  const approved = await hub.graphql(APPROVE, { id: receipt.proposal.id }, await hub.token(DIRECTORY_APPROVER)).expect(200);
  if (approved.body.errors !== undefined) throw new Error(`approveAgencyChange: ${JSON.stringify(approved.body.errors)}`);
  return approved.body.data.approveAgencyChange;
}
