import { AddressKind } from "./AddressKind";

/** What deciding a residence needs of an address. */
export interface ResidenceCandidate {
  kind: AddressKind;
  localAuthority: string | null;
  /** When the child started living there, if the agency said. */
  validFrom: string | null;
  firstReportedAt: Date;
}

const RESIDENCES = new Set<AddressKind>([AddressKind.HOME, AddressKind.PLACEMENT]);

/**
 * Where the child lives, among these addresses: the home or placement (with a local authority) most
 * recently begun — by its `validFrom`, or when the hub was first told of it. Reporting an old address
 * again does not make it current. The child's local authority (who is responsible, Children Act 1989
 * s.17) is derived from it, and carries its labels: a protected placement's area is as protected as
 * the placement.
 */
export function currentResidence<A extends ResidenceCandidate>(addresses: readonly A[]): A | null {
  let current: A | null = null;
  for (const address of addresses) {
    if (!RESIDENCES.has(address.kind) || address.localAuthority === null) continue;
    if (current === null || began(address) > began(current) || (began(address) === began(current) && address.firstReportedAt > current.firstReportedAt)) current = address;
  }
  return current;
}

function began(address: ResidenceCandidate): string {
  return address.validFrom ?? address.firstReportedAt.toISOString().slice(0, 10);
}
