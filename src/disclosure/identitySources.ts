import { type Principal } from "../auth/Principal";
import { type IdentitySources } from "../people/identityFacts";
import { type AccessContext } from "../policy/AccessContext";
import { decideRecords } from "../policy/decideDisclosure";
import { CHILD_DETAILS, type DisclosureSubject, type FieldSubject } from "../policy/DisclosureSubject";
import { type PolicySet } from "../policy/PolicySet";
import { SensitivityLabel } from "../records/SensitivityLabel";
import { childDetails } from "./buildDisclosureSubject";
import { DEMOGRAPHICS } from "./recordPaths";

/**
 * Labels decided elsewhere: a sealed or brokered record is no source at all, and a location a record
 * withholds is protected on the address itself (`people/identityFacts.ts`).
 */
const DECIDED_ELSEWHERE = new Set<SensitivityLabel>([SensitivityLabel.SEALED, SensitivityLabel.BROKERED, SensitivityLabel.LOCATION_WITHHELD]);

/** The child's details, by the field whose policy decides them. */
const DETAILS = { names: "givenNames", dateOfBirth: "dateOfBirth", sex: "sex", addresses: "addresses" } as const satisfies Record<keyof IdentitySources, string>;

/**
 * Which of the records a caller sees may be the source of each of the child's details (design
 * principle 8). A record's own labels travel with what it reported: a name or address that reached the
 * hub only through a LAW_ENFORCEMENT record reaches a caller without that lawful basis no more than the
 * record's content does. The policy decides, once for each set of labels among the records: the child's
 * details carrying those labels, offered to the caller as they stand; a record whose labels keep a
 * detail from the caller is no source of it. Records without such labels are a source of everything.
 *
 * `shown` maps each record the caller sees to its labels (derived labels included).
 */
export function identitySources(policy: PolicySet, principal: Principal, access: AccessContext, subject: DisclosureSubject, shown: ReadonlyMap<string, readonly SensitivityLabel[]>, now: Date): IdentitySources {
  const keyOf = (labels: readonly SensitivityLabel[]) => [...new Set(labels.filter((label) => !DECIDED_ELSEWHERE.has(label)))].sort().join(",");
  const labelSets = [...new Set([...shown.values()].map(keyOf))].filter((key) => key !== "");
  const probe = (key: string, field: string) => `${DEMOGRAPHICS}.sources[${key}].${field}`;

  const fields: FieldSubject[] = labelSets.flatMap((key) =>
    Object.values(DETAILS).map((field) => ({ path: probe(key, field), recordType: CHILD_DETAILS, field, labels: key.split(",") as SensitivityLabel[] })),
  );
  const permitted = fields.length === 0 ? new Set<string>() : new Set(decideRecords(policy, principal, access, { ...subject, records: [childDetails(fields)] }, now).disclosed);

  const sourcesOf = (field: string) => new Set([...shown].filter(([, labels]) => keyOf(labels) === "" || permitted.has(probe(keyOf(labels), field))).map(([id]) => id));
  return { names: sourcesOf(DETAILS.names), dateOfBirth: sourcesOf(DETAILS.dateOfBirth), sex: sourcesOf(DETAILS.sex), addresses: sourcesOf(DETAILS.addresses) };
}
