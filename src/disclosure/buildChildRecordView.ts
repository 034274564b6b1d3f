import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SocialCareStatus } from "../records/details/SocialCareRecord";
import { type VisibleIdentity } from "../people/identityFacts";
import { type Disclosure } from "../policy/DisclosureDecision";
import { type AccessContext } from "../policy/AccessContext";
import { type RelationshipKind } from "../policy/RelationshipKind";
import { type ChildFile, type LoadedRecord } from "./ChildFile";
import { type ChildRecordView, type DemographicsView, type RecordView, type RestrictedInvolvementView } from "./ChildRecordView";
import { addressPath, DEMOGRAPHICS, recordOfField, recordPath, RESPONSE_KEY } from "./recordPaths";

type ViewWithoutReceipt = Omit<ChildRecordView, "disclosureId" | "supplementaryStatements" | "restrictions">;

/**
 * Shapes what the engine decided into the response: a withheld field is null and listed in
 * `redactions`; a sealed record is absent and unlisted; a brokered record appears only as
 * restricted involvement (agency type and contact); the child's own details are those the records the
 * caller sees support (`people/identityFacts.ts`).
 */
export function buildChildRecordView(file: ChildFile, identity: VisibleIdentity, decision: Disclosure, access: AccessContext, relationships: RelationshipKind[]): ViewWithoutReceipt {
  const disclosed = new Set([...decision.disclosed, ...disclosedPointers(decision)]);
  const hidden = new Set([...decision.sealed, ...decision.brokered.map((b) => b.path)]);
  const view = Object.fromEntries(RECORD_TYPES.map((type) => [RESPONSE_KEY[type], [] as RecordView[]])) as Pick<ChildRecordView, "socialCare" | "police" | "health" | "education" | "probation" | "prison" | "youthJustice">;
  const restrictedInvolvement: RestrictedInvolvementView[] = [];
  const brokered = new Set(decision.brokered.map((b) => b.path));

  for (const type of RECORD_TYPES) {
    for (const loaded of file.records[type]) {
      const path = recordPath(type, loaded.record.id);
      if (brokered.has(path)) {
        restrictedInvolvement.push({ agencyType: loaded.agency.type, contactEmail: loaded.agency.contactEmail, contactPhone: loaded.agency.contactPhone });
      }
      if (hidden.has(path)) continue;
      view[RESPONSE_KEY[type] as keyof typeof view].push(recordView(type, loaded, path, disclosed));
    }
  }
  const statuses = view.socialCare
    .map((record) => record.status as SocialCareStatus | null)
    .filter((status): status is SocialCareStatus => status !== null && status !== SocialCareStatus.CLOSED);

  return {
    sui: file.child.sui ?? "",
    purpose: access.purpose,
    relationships,
    demographics: demographicsView(identity, disclosed),
    safeguardingStatuses: [...new Set(statuses)],
    ...view,
    restrictedInvolvement: dedupe(restrictedInvolvement),
    // A sealed record must leave no trace, not even in the list of what was withheld (nor a brokered
    // record's signal withheld as a whole: `dataSubjectRights/applyRecordRights`).
    redactions: decision.withheld.filter((w) => !hidden.has(w.path) && !hidden.has(recordOfField(w.path))),
  };
}

/**
 * The agency's own reference is a pointer into its system (a crime number, a probation case number):
 * it goes out only with content the policy disclosed from that record, and is audited as disclosed.
 */
export function disclosedPointers(decision: Pick<Disclosure, "disclosed">): string[] {
  const records = new Set(decision.disclosed.filter((path) => !path.startsWith(`${DEMOGRAPHICS}.`)).map(recordOfField));
  return [...records].map((record) => `${record}.agencyReference`);
}

function recordView(type: RecordType, { record, agency, details }: LoadedRecord, path: string, disclosed: Set<string>): RecordView {
  const pointer = disclosed.has(`${path}.agencyReference`);
  const view: RecordView = {
    recordId: record.id,
    recordType: type,
    agency: { code: agency.code, name: agency.name, type: agency.type, contactEmail: agency.contactEmail, contactPhone: agency.contactPhone },
    agencyReference: pointer ? record.agencyReference : null,
    recordedAt: pointer ? record.recordedAt : null,
    updatedAt: record.updatedAt,
    linkMethod: record.linkMethod,
    linkState: record.linkState,
  };
  for (const field of Object.keys(RECORD_FIELDS[type])) view[field] = disclosed.has(`${path}.${field}`) ? details[field] : null;
  return view;
}

function demographicsView(identity: VisibleIdentity, disclosed: Set<string>): DemographicsView {
  const shown = <T>(field: string, fact: { value: T } | null): T | null => (fact !== null && disclosed.has(`${DEMOGRAPHICS}.${field}`) ? fact.value : null);
  return {
    givenNames: shown("givenNames", identity.givenNames),
    familyName: shown("familyName", identity.familyName),
    dateOfBirth: shown("dateOfBirth", identity.dateOfBirth),
    sex: shown("sex", identity.sex),
    localAuthority: shown("localAuthority", identity.residence && { value: identity.residence.localAuthority }),
    aliases: disclosed.has(`${DEMOGRAPHICS}.aliases`) ? identity.aliases.map((alias) => alias.value) : null,
    addresses: identity.addresses.map((address) => {
      const visible = disclosed.has(addressPath(address.id));
      return {
        id: address.id,
        kind: visible ? address.kind : null,
        line1: visible ? address.line1 : null,
        line2: visible ? address.line2 : null,
        town: visible ? address.town : null,
        postcode: visible ? address.postcode || null : null,
        localAuthority: visible ? address.localAuthority : null,
        validFrom: visible ? address.validFrom : null,
        withheld: !visible,
      };
    }),
  };
}

function dedupe(entries: RestrictedInvolvementView[]): RestrictedInvolvementView[] {
  const seen = new Map(entries.map((entry) => [`${entry.agencyType}|${entry.contactEmail}|${entry.contactPhone}`, entry]));
  return [...seen.values()];
}
