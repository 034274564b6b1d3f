import { RECORD_FIELDS } from "../records/recordFields";
import { RECORD_TYPES, type RecordType } from "../records/RecordType";
import { SocialCareStatus } from "../records/details/SocialCareRecord";
import { type Disclosure } from "../policy/DisclosureDecision";
import { type AccessContext } from "../policy/AccessContext";
import { type RelationshipKind } from "../policy/RelationshipKind";
import { type ChildFile, type LoadedRecord } from "./ChildFile";
import { type ChildRecordView, type DemographicsView, type RecordView, type RestrictedInvolvementView } from "./ChildRecordView";
import { DEMOGRAPHICS, recordPath, RESPONSE_KEY } from "./recordPaths";

type ViewWithoutReceipt = Omit<ChildRecordView, "disclosureId">;

/**
 * Shapes what the engine decided into the response: a withheld field is null and listed in
 * `redactions`; a sealed record is absent and unlisted; a brokered record appears only as
 * restricted involvement (agency type and contact).
 */
export function buildChildRecordView(file: ChildFile, decision: Disclosure, access: AccessContext, relationships: RelationshipKind[]): ViewWithoutReceipt {
  const disclosed = new Set([...decision.disclosed, ...disclosedPointers(decision)]);
  const hidden = new Set([...decision.sealed, ...decision.brokered.map((b) => b.path)]);
  const view = Object.fromEntries(RECORD_TYPES.map((type) => [RESPONSE_KEY[type], [] as RecordView[]])) as Pick<ChildRecordView, "socialCare" | "police" | "health" | "education" | "probation" | "prison" | "youthJustice">;
  const restrictedInvolvement: RestrictedInvolvementView[] = [];
  const brokered = new Set(decision.brokered.map((b) => b.path));

  for (const type of RECORD_TYPES) {
    file.records[type].forEach((loaded, index) => {
      const path = recordPath(type, index);
      if (brokered.has(path)) {
        restrictedInvolvement.push({ agencyType: loaded.agency.type, contactEmail: loaded.agency.contactEmail, contactPhone: loaded.agency.contactPhone });
      }
      if (hidden.has(path)) return;
      view[RESPONSE_KEY[type] as keyof typeof view].push(recordView(type, loaded, path, disclosed));
    });
  }
  const statuses = view.socialCare
    .map((record) => record.status as SocialCareStatus | null)
    .filter((status): status is SocialCareStatus => status !== null && status !== SocialCareStatus.CLOSED);

  return {
    sui: file.child.sui ?? "",
    purpose: access.purpose,
    relationships,
    demographics: demographicsView(file, disclosed),
    safeguardingStatuses: [...new Set(statuses)],
    ...view,
    restrictedInvolvement: dedupe(restrictedInvolvement),
    // A sealed record must leave no trace, not even in the list of what was withheld.
    redactions: decision.withheld.filter((w) => !hidden.has(w.path.replace(/\.[^.[]+$/, ""))),
  };
}

/**
 * The agency's own reference is a pointer into its system (a crime number, a probation case number):
 * it goes out only with content the policy disclosed from that record, and is audited as disclosed.
 */
export function disclosedPointers(decision: Pick<Disclosure, "disclosed">): string[] {
  const records = new Set(decision.disclosed.filter((path) => !path.startsWith(`${DEMOGRAPHICS}.`)).map((path) => path.slice(0, path.lastIndexOf("."))));
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

function demographicsView(file: ChildFile, disclosed: Set<string>): DemographicsView {
  const shown = (field: string) => disclosed.has(`${DEMOGRAPHICS}.${field}`);
  const { child } = file;
  const usual = `${child.givenNames} ${child.familyName}`;
  return {
    givenNames: shown("givenNames") ? child.givenNames : null,
    familyName: shown("familyName") ? child.familyName : null,
    dateOfBirth: shown("dateOfBirth") ? (child.dateOfBirth ?? child.expectedDateOfBirth) : null,
    sex: shown("sex") ? child.sex : null,
    localAuthority: shown("localAuthority") ? child.localAuthority : null,
    aliases: shown("aliases") ? file.names.map((n) => `${n.givenNames} ${n.familyName}`).filter((name) => name !== usual) : null,
    addresses: file.addresses.map((address, index) => {
      const visible = disclosed.has(`${DEMOGRAPHICS}.addresses[${index}]`);
      return {
        kind: address.kind,
        line1: visible ? address.line1 : null,
        line2: visible ? address.line2 : null,
        town: visible ? address.town : null,
        postcode: visible ? address.postcode || null : null,
        localAuthority: visible ? address.localAuthority : null,
        withheld: !visible,
      };
    }),
  };
}

function dedupe(entries: RestrictedInvolvementView[]): RestrictedInvolvementView[] {
  const seen = new Map(entries.map((entry) => [`${entry.agencyType}|${entry.contactEmail}|${entry.contactPhone}`, entry]));
  return [...seen.values()];
}
