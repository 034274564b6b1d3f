import { In, type DataSource } from "typeorm";
import { type Role } from "../auth/Role";
import { DISCLOSING_OPERATIONS, type AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { DisclosureAuditEntry } from "../audit/DisclosureAuditEntry";
import { Agency } from "../directory/Agency";
import { type AgencyType } from "../directory/AgencyType";
import { DEMOGRAPHICS } from "../disclosure/recordPaths";
import { type LawfulBasis } from "../policy/LawfulBasis";
import { type Purpose } from "../policy/Purpose";
import { type FactsHeld, IdentityFactKind } from "./factsHeld";
import { concealedRouteEntry, trailReach, type TrailReader } from "../audit/trailReach";
import { type DisclosureUnderReview } from "./SubjectAccessSubject";

/** One path an audit entry disclosed, with the items of the report it carried. */
export interface DisclosedPath {
  path: string;
  /** The category of data (UK GDPR Art 15(1)(b)): the path without record ids, e.g. `police.incidentType`. */
  category: string;
  /** The report's items this path carried (a field and its record, an address, the identity facts the entry's records reported). */
  items: string[];
  /** The items whose release lets the release list this path's category: the field itself (its record, for an empty field or the agency's reference), the address, any of the identity facts. */
  listedWith: string[];
  /** Whether the hub can tell what this path carried. */
  attributed: boolean;
}

/** A disclosure of the child's information to an agency (UK GDPR Art 15(1)(c): the recipients), as the report lists it. */
export interface DisclosureMade {
  item: string;
  auditEntryId: string;
  occurredAt: Date;
  operation: AuditOperation;
  /** The recipient: the agency and its type, and the roles of whoever asked — never the person. */
  recipient: { agencyCode: string; agencyName: string | null; agencyType: AgencyType; roles: Role[] };
  purpose: Purpose | null;
  lawfulBasis: LawfulBasis | null;
  /** The practitioner's own words: for the IG lead, never released (they can name other people). */
  justification: string | null;
  breakGlass: boolean;
  /**
   * How many other children the entry named (a search's other candidates, a notification's other
   * children): for the IG lead, counted and never named, and never released — the report is the data
   * subject's, and another child's part in the entry is not theirs to learn.
   */
  otherChildren: number;
  disclosed: DisclosedPath[];
  /** The report's items the entry carried (as `DisclosureUnderReview.carried`): what of it each item's own decision leaves out. */
  carried: string[];
}

/**
 * Every disclosure of the child's information to an agency — a child-record read, a search result, a
 * notification (DISCLOSING_OPERATIONS, outcome DISCLOSED) — that the reader's trail holds (`trailReach`:
 * their agency's staff's, and others' about a child it holds a record about, but never another agency's
 * concealed route), oldest first, with the recipients' names from the agency directory. Refusals, the
 * hub's own governance work and IG reads are not disclosures to a recipient. `disclosuresMade` keeps,
 * of these, what is the reader's agency's to report.
 */
export async function loadDisclosures(dataSource: DataSource, sui: string, reader: TrailReader): Promise<{ entries: DisclosureAuditEntry[]; agencyNames: Map<string, string> }> {
  const reach = trailReach(reader, { agency: "entry.principalAgency", suis: "entry.childSuis", concealed: concealedRouteEntry("entry.details") });
  const entries = await dataSource
    .getRepository(DisclosureAuditEntry)
    .createQueryBuilder("entry")
    .where("entry.childSuis @> ARRAY[:sui]::text[]", { sui })
    .andWhere(reach.condition, reach.parameters)
    .andWhere("entry.outcome = :outcome", { outcome: AuditOutcome.DISCLOSED })
    .andWhere("entry.operation IN (:...operations)", { operations: DISCLOSING_OPERATIONS })
    .orderBy("entry.occurredAt", "ASC")
    .addOrderBy("entry.id", "ASC")
    .getMany();
  const codes = [...new Set(entries.map((entry) => entry.principalAgency))];
  const agencies = codes.length === 0 ? [] : await dataSource.getRepository(Agency).findBy({ code: In(codes) });
  return { entries, agencyNames: new Map(agencies.map((agency) => [agency.code, agency.name])) };
}

const RECORD_FIELD_PATH = /^([A-Za-z]+)\[([^\]]*)\]\.([A-Za-z]+)$/;
const RECORD_PATH = /^[A-Za-z]+\[([^\]]*)\]$/;
/** An identity fact the hub keys by an id or a value: `demographics.addresses[<id>]`, `demographics.names[<id>]`, `demographics.dateOfBirth[<date>]`. */
const IDENTITY_FACT_PATH = new RegExp(`^${DEMOGRAPHICS}\\.([A-Za-z]+)\\[[^\\]]*\\]$`);

/** A search candidate's path: the candidate's position in the answer, and the path as a read of the child names it (`candidates[0].demographics.givenNames`). */
const CANDIDATE_PATH = /^candidates\[(\d+)\]\.(.+)$/;

/**
 * The entry's disclosed paths that are the data subject's, each with the path as a read of the child
 * names it: a search's candidate paths only of the candidate that was the subject (`details.candidates`
 * names each position's SUI); another candidate's are another child's, and neither named nor counted here.
 */
function subjectsPaths(entry: DisclosureAuditEntry, subjectSui: string): { path: string; named: string }[] {
  const candidates: unknown[] = Array.isArray(entry.details.candidates) ? entry.details.candidates : [];
  return entry.fieldsDisclosed.flatMap((path) => {
    const candidate = CANDIDATE_PATH.exec(path);
    if (candidate === null) return [{ path, named: path }];
    const shown = candidates[Number(candidate[1])];
    const sui = typeof shown === "object" && shown !== null ? (shown as { sui?: unknown }).sui : null;
    return sui === subjectSui ? [{ path, named: candidate[2] }] : [];
  });
}

/** Which identity facts a `demographics.<field>` path disclosed: those the entry's records reported. */
const IDENTITY_KINDS_OF: Record<string, readonly IdentityFactKind[]> = {
  givenNames: [IdentityFactKind.NAME],
  familyName: [IdentityFactKind.NAME],
  aliases: [IdentityFactKind.NAME],
  dateOfBirth: [IdentityFactKind.DATE_OF_BIRTH, IdentityFactKind.EXPECTED_DATE_OF_BIRTH],
  sex: [IdentityFactKind.SEX],
  // The local authority is derived from where the child lives.
  localAuthority: [IdentityFactKind.ADDRESS],
};

/**
 * What each entry carried, in terms of the report's items, from what the entry itself recorded: the
 * paths disclosed (records by id, `police[<recordId>].intelligence`) and the ids of every record whose
 * content or identity facts went out (`details.recordIds`). An entry that does not name its records,
 * names one by position, or names records no longer linked to this child cannot be attributed: the
 * hub cannot tell what it carried, and says so. A search's entry lists what each candidate showed by
 * position (`subjectsPaths`): only the subject's own candidate's paths are theirs.
 *
 * The report is the controller's (`controller`: the agency answering, and the facts it holds — UK GDPR
 * Art 15 is per controller): the hub's disclosures to it (its own staff's reads), and other agencies'
 * reads that carried its facts — who saw its data. Each is decided on all it carried (`underReview`,
 * over `facts`, every agency's: a read that took another agency's record under investigation to the
 * police is withheld from the family whoever answers), but listed with the controller's facts only: a
 * path carrying only another agency's record or identity fact is left out as if it had never been there
 * (no path, no id, no category), and so is, on another agency's entry, a path the hub cannot attribute,
 * which may be anyone's. Another agency's entry that carried none of the controller's facts is not listed.
 */
export function disclosuresMade(
  entries: readonly DisclosureAuditEntry[],
  agencyNames: ReadonlyMap<string, string>,
  facts: FactsHeld,
  controller: { agency: string; facts: FactsHeld },
  subjectSui: string,
): { disclosures: DisclosureMade[]; underReview: DisclosureUnderReview[] } {
  const recordItems = new Map(facts.records.map((record) => [record.source.recordId, record.item]));
  const items = new Set([...facts.records.flatMap((record) => [record.item, ...record.fields.map((field) => field.item)]), ...facts.identity.map((fact) => fact.item)]);
  const own = new Set([...controller.facts.records.flatMap((record) => [record.item, ...record.fields.map((field) => field.item)]), ...controller.facts.identity.map((fact) => fact.item)]);
  const ours = (carried: readonly string[]) => carried.filter((item) => own.has(item));
  const disclosures: DisclosureMade[] = [];
  const underReview: DisclosureUnderReview[] = [];
  for (const entry of entries) {
    const recordIds = Array.isArray(entry.details.recordIds) ? entry.details.recordIds.filter((id): id is string => typeof id === "string") : null;
    const namedRecords = recordIds ?? [];
    const identityOf = (kinds: readonly IdentityFactKind[]) =>
      facts.identity.filter((fact) => kinds.includes(fact.kind) && fact.sources.some((source) => namedRecords.includes(source.recordId))).map((fact) => fact.item);
    const disclosed = subjectsPaths(entry, subjectSui).map(({ path, named }): DisclosedPath => {
      const field = RECORD_FIELD_PATH.exec(named);
      if (field !== null) {
        const [, key, recordId, name] = field as unknown as [string, string, string, string];
        const recordItem = recordItems.get(recordId) ?? null;
        const fieldItem = `${key}[${recordId}].${name}`;
        if (recordItem === null) return { path, category: `${key}.${name}`, items: [], listedWith: [], attributed: false };
        const held = items.has(fieldItem) ? [fieldItem] : [];
        return { path, category: `${key}.${name}`, items: [recordItem, ...held], listedWith: held.length > 0 ? held : [recordItem], attributed: true };
      }
      // One fact, named as the report names its item: its category never carries the id, and it is decided
      // as that item is (a name only a sealed record reported is withheld with it).
      const fact = IDENTITY_FACT_PATH.exec(named);
      if (fact !== null) {
        const held = items.has(named) ? [named] : [];
        return { path, category: `${DEMOGRAPHICS}.${fact[1]}`, items: held, listedWith: held, attributed: held.length > 0 };
      }
      const demographic = named.startsWith(`${DEMOGRAPHICS}.`) ? IDENTITY_KINDS_OF[named.slice(DEMOGRAPHICS.length + 1)] : undefined;
      if (demographic !== undefined) {
        const reported = identityOf(demographic);
        return { path, category: named, items: reported, listedWith: reported, attributed: recordIds !== null };
      }
      return { path, category: named, items: [], listedWith: [], attributed: false };
    });
    // A record's content (or its restricted-involvement signal) went out only where a path names it; the
    // other records among `recordIds` only reported identity facts that went out, and reach the entry
    // through those facts' own decisions — a name every agency reported says nothing of any one of them.
    const brokered = Array.isArray(entry.details.brokered) ? entry.details.brokered.filter((path): path is string => typeof path === "string") : [];
    const signalled = brokered.flatMap((path) => recordItems.get(RECORD_PATH.exec(path)?.[1] ?? "") ?? []);
    const carried = [...new Set([...signalled, ...disclosed.flatMap((path) => path.items)])];
    const unattributed = disclosed.some((path) => !path.attributed) || namedRecords.some((id) => !recordItems.has(id));
    const ownStaff = entry.principalAgency === controller.agency;
    if (!ownStaff && ours(carried).length === 0) continue;
    const listed = disclosed
      .map((path) => ({ ...path, items: ours(path.items), listedWith: ours(path.listedWith) }))
      .filter((path) => path.items.length > 0 || (ownStaff && !path.attributed));
    const item = `disclosures[${entry.id}]`;
    disclosures.push({
      item,
      auditEntryId: entry.id,
      occurredAt: entry.occurredAt,
      operation: entry.operation,
      recipient: { agencyCode: entry.principalAgency, agencyName: agencyNames.get(entry.principalAgency) ?? null, agencyType: entry.principalAgencyType, roles: entry.principalRoles },
      purpose: entry.purpose,
      lawfulBasis: entry.lawfulBasis,
      // Another agency's own account of its work, which the trail keeps from this agency's IG lead too (`audit/trailAsRead`).
      justification: ownStaff ? entry.justification : null,
      breakGlass: entry.breakGlass,
      // Every entry here names the subject (`loadDisclosures`); the rest are other children.
      otherChildren: Math.max(0, new Set(entry.childSuis).size - 1),
      disclosed: listed,
      carried: ours(carried),
    });
    underReview.push({ item, lawfulBasis: entry.lawfulBasis, purpose: entry.purpose, recipientAgency: entry.principalAgency, carried, unattributed });
  }
  return { disclosures, underReview };
}
