import { randomUUID } from "node:crypto";
import { In, type EntityManager } from "typeorm";
import { disputedAgainst } from "../identity/disputedSui";
import { recordLinkChanges, type LinkChange } from "../identity/linkHistory";
import { LINK_OUTCOME_OF_BAND, LinkOutcome } from "../identity/LinkOutcome";
import { LinkMethod, LinkOrigin, LinkState } from "../identity/linkVocabulary";
import { decideLinks, type LinkRequest } from "../identity/linkRecords";
import { loadProfiles, rebuildMatchProfiles } from "../identity/matchProfiles";
import { suiArrivalHolds } from "../identity/suiArrival";
import { addAddressFacts, addNameFacts, type AddressFactRow, type NameFactRow } from "../people/addIdentityFacts";
import { Child } from "../people/Child";
import { Sex } from "../people/Sex";
import { tidyName } from "../people/personName";
import { childFactsReported, type ReportedChildFacts } from "../people/recordChild";
import { isLocationWithheld } from "../people/unrestrictedSource";
import { type MatchProfile } from "../identity/matching/MatchProfile";
import { recordAdultsOf } from "../people/recordAdults";
import { insertRows } from "../db/insertRows";
import { StatementBatch } from "../db/statementBatch";
import { AgencyRecord, type FieldLabels } from "./AgencyRecord";
import { type AgencyRecordSubmission } from "./AgencyRecordSubmission";
import { type ReceivedSubmission } from "./prepareSubmission";
import { isRestrictedRecord } from "./restrictedRecord";
import { SensitivityLabel } from "./SensitivityLabel";
import { insertRecordDetails } from "./saveRecordDetails";
import { SubmitOutcome } from "./SubmitReceipt";
import { storedSubmissionOf, type StoredSubmission } from "./StoredSubmission";

/** A stored record still to be matched (a resubmission matched again). */
export interface AwaitingMatch {
  request: LinkRequest;
  outcome: SubmitOutcome;
}

/**
 * Stores records with an SUI the hub has never held, many at once: what `storeRecords` does for each one
 * by one, as a handful of statements for the whole batch. Each record is linked to the child its SUI
 * names (created if the hub does not know it), adding the name and address it reported to the child's
 * history. The caller passes at most one record per SUI, so every record sees the child as it stood
 * before the batch.
 *
 * Returns null for a record whose SUI names a child it cannot be (`disputedSui`), and for one whose SUI
 * no child holds while a child awaiting an SUI may be its, or while another record of that SUI is
 * held (`suiArrivalHolds`): it is stored one by one, held for a data steward.
 */
export async function storeNewRecords(manager: EntityManager, items: readonly ReceivedSubmission[]): Promise<(StoredSubmission | null)[]> {
  if (items.length === 0) return [];
  const suis = [...new Set(items.flatMap((item) => (item.sui === null ? [] : [item.sui])))];
  if (suis.length !== items.length) throw new RangeError("storeNewRecords takes records with an SUI, at most one per SUI");

  // The children the SUIs name, as they stand: a record whose SUI names a child it cannot be is left out.
  const knownRows = suis.length === 0 ? [] : await manager.query<{ id: string; sui: string; merged: boolean }[]>(`SELECT id, sui, merged_into_id IS NOT NULL AS merged FROM child WHERE sui = ANY($1::text[])`, [suis]);
  const known = new Map(knownRows.map((row) => [row.sui, row]));
  const profiles = await loadProfiles(manager, [...known.values()].filter((child) => !child.merged).map((child) => child.id));
  const disputed = items.map((item) => {
    const child = item.sui === null ? undefined : known.get(item.sui);
    return child !== undefined && !child.merged && disputedAgainst(profiles.get(child.id), item.identity, item.weights) !== null;
  });
  // A record that would found a child by its SUI may be about a child the hub holds without one.
  const arriving = items.flatMap((item, index) => (item.sui !== null && !known.has(item.sui) ? [index] : []));
  const holds = arriving.length === 0 ? [] : await suiArrivalHolds(
    manager,
    arriving.map((index) => ({ sui: items[index].sui as string, identity: items[index].identity, sealed: (items[index].submission.labels ?? []).includes(SensitivityLabel.SEALED) })),
    items[arriving[0]].weights,
  );
  const awaitsSteward = new Set(arriving.filter((_index, position) => holds[position] !== null));
  const stored = items.map((item, index) => (disputed[index] || awaitsSteward.has(index) ? null : item));

  // Children the hub did not know, created in one statement; `isNew` only for the ones this batch created.
  const founding = stored.filter((item): item is ReceivedSubmission => item !== null && item.sui !== null && !known.has(item.sui));
  const created = new Set<string>();
  if (founding.length > 0) {
    const rows = await manager.query<{ id: string; sui: string }[]>(
      `INSERT INTO child (sui, given_names, family_name, date_of_birth, expected_date_of_birth, sex)
       SELECT x.sui, x.given_names, x.family_name, x.date_of_birth, x.expected_date_of_birth, x.sex
       FROM jsonb_to_recordset($1::jsonb) AS x(sui text, given_names text, family_name text, date_of_birth date, expected_date_of_birth date, sex text)
       ON CONFLICT (sui) DO NOTHING RETURNING id, sui`,
      [JSON.stringify(founding.map(({ sui, submission: { child } }) => ({
        sui, given_names: tidyName(child.givenNames), family_name: tidyName(child.familyName),
        date_of_birth: child.dateOfBirth ?? null, expected_date_of_birth: child.expectedDateOfBirth ?? null, sex: child.sex,
      })))],
    );
    for (const row of rows) created.add(row.sui);
  }
  const linkedSuis = stored.flatMap((item) => (item?.sui ? [item.sui] : []));
  const children = new Map(
    (linkedSuis.length === 0 ? [] : await manager.getRepository(Child).find({ where: { sui: In(linkedSuis) }, relations: { names: true, addresses: true } })).map((child) => [child.sui as string, child]),
  );

  const records: AgencyRecord[] = [];
  const names: NameFactRow[] = [];
  const addresses: AddressFactRow[] = [];
  const changes: LinkChange[] = [];
  const grew = new Set<string>();
  const unrestrictedChildren = new Set<string>();
  for (const item of stored) {
    if (item === null || item.sui === null) continue;
    const decidedBy = `${item.principal.agency}/${item.principal.sub}`;
    const record = newRecord(manager, item, decidedBy);
    records.push(record);
    const child = children.get(item.sui) as Child;
    const facts = childFactsReported(child, created.has(item.sui), item.submission.child, { agencyCode: item.agency.code, recordId: record.id, labels: record.labels });
    names.push(facts.name);
    if (facts.address !== null) addresses.push(facts.address);
    if (facts.identityGrew || (!isRestrictedRecord(record.labels) && profileLacks(profiles.get(child.id), facts, record.labels))) grew.add(child.id);
    if (!isRestrictedRecord(record.labels)) unrestrictedChildren.add(child.id);
    record.child = child;
    record.linkMethod = LinkMethod.SUI;
    record.linkState = LinkState.LINKED;
    changes.push({ recordId: record.id, fromChildId: null, toChildId: child.id, method: LinkMethod.SUI, origin: LinkOrigin.AUTO, decidedBy, now: item.now, reason: "the record carries the child's SUI" });
  }

  // The records first: their details, adults, names and addresses name them as their source. Sent together.
  const writes = new StatementBatch();
  await insertRecords(manager, records, stored.filter((item): item is ReceivedSubmission => item !== null), writes);
  await addNameFacts(writes, names);
  await addAddressFacts(writes, addresses);
  await recordLinkChanges(writes, changes);
  await writes.run(manager);
  // Most SUI submissions repeat what the hub knows of the child: only new names or postcodes change its
  // profile, or a date of birth or sex that until now only a sealed or brokered record gave. (A profile
  // read above cannot have gained either since: only a rebuild gives them, and this one or another's
  // would have to, while a profile loses them only in a merge or split, which the linking lock keeps out.)
  const lacking = [...unrestrictedChildren].filter((childId) => {
    const profile = profiles.get(childId);
    return profile !== undefined && (profile.dateOfBirth === null || profile.sex === Sex.NOT_KNOWN);
  });
  await rebuildMatchProfiles(manager, [...new Set([...grew, ...lacking])]);

  let next = 0;
  return stored.map((item) => (item === null ? null : storedSubmissionOf(records[next++], SubmitOutcome.CREATED, LinkOutcome.SUI)));
}

/**
 * Stores records without an SUI the hub has never held, many at once, linked as `linkRecords` links
 * them: matched together in order (each seeing the children the records before it created or
 * extended), then inserted with the links decided — no row written twice, no address moved — followed by
 * what the decisions add (the children they create first, since the records name them). Nothing the
 * matcher reads is about the records themselves, so deciding before they exist decides the same.
 */
export async function storeNewRecordsToMatch(manager: EntityManager, items: readonly ReceivedSubmission[]): Promise<StoredSubmission[]> {
  if (items.length === 0) return [];
  if (items.some((item) => item.sui !== null)) throw new RangeError("storeNewRecordsToMatch takes records without an SUI");
  const weights = items[0].weights;
  if (items.some((item) => item.weights !== weights)) throw new RangeError("One batch of submissions must be matched with one set of match weights");
  // The links are decided when these records are: the latest of their submissions' times.
  const now = new Date(Math.max(...items.map((item) => item.now.getTime())));
  const records = items.map((item) => newRecord(manager, item, `${item.principal.agency}/${item.principal.sub}`));
  const requests = records.map((record, index): LinkRequest => ({
    recordId: record.id, agencyCode: items[index].agency.code, identity: items[index].identity, previousChildId: null,
    restricted: isRestrictedRecord(record.labels), locationWithheld: record.labels.includes(SensitivityLabel.LOCATION_WITHHELD),
  }));
  const decided = await decideLinks(manager, requests, { weights, decidedBy: `linkage/v${weights.version}`, now });
  for (const record of records) {
    const link = decided.linkOf(record.id);
    record.child = link.childId === null ? null : ({ id: link.childId } as Child);
    record.linkMethod = link.method;
    record.linkState = link.state;
    record.linkOrigin = link.origin;
    record.linkDecidedBy = link.decidedBy;
    record.linkDecidedAt = link.decidedAt;
    record.linkEvidence = link.evidence;
  }
  // Sent together: the children the matcher creates (the records name them), the records, what the
  // decisions add; then the profiles that must lose a withheld postcode, derived from what was written.
  const writes = new StatementBatch();
  await decided.writeChildren(writes);
  await insertRecords(manager, records, items, writes);
  await decided.writeLinks(manager, { recordsStored: false, writer: writes });
  await writes.run(manager);
  await decided.rebuildProfiles(manager);
  return records.map((record, index) => storedSubmissionOf(record, SubmitOutcome.CREATED, LINK_OUTCOME_OF_BAND[decided.results[index].band]));
}

/**
 * New records, then the adults they name and their details, which name them, added to `writes`. Adults
 * are read and written at once (`recordAdultsOf`), so when there are any, what `writes` holds (the
 * records their relationships name) is sent first.
 */
async function insertRecords(manager: EntityManager, records: readonly AgencyRecord[], items: readonly ReceivedSubmission[], writes: StatementBatch): Promise<void> {
  await insertRows(manager, AgencyRecord, records, writes);
  const withAdults = records.flatMap((record, index) => {
    const reported = items[index].submission.relatedAdults ?? [];
    return reported.length === 0 ? [] : [{ record, reported, agencyCode: record.agency.code, newRecord: true, weights: items[index].weights, restricted: isRestrictedRecord(record.labels) }];
  });
  if (withAdults.length > 0) await writes.run(manager);
  const subjects = new Map((await recordAdultsOf(manager, withAdults)).map((adults, index) => [withAdults[index]?.record.id, adults.subject]));
  await insertRecordDetails(manager, records.map((record, index) => ({ recordType: record.recordType, recordId: record.id, submission: items[index].submission, subject: subjects.get(record.id) ?? null })), writes);
}

/**
 * Whether an unrestricted record reports what its child's stored profile lacks: a name, or a postcode it
 * does not withhold, that until now only a sealed or brokered record gave (or no profile at all).
 */
function profileLacks(profile: MatchProfile | undefined, facts: ReportedChildFacts, recordLabels: readonly SensitivityLabel[]): boolean {
  if (profile === undefined) return true;
  if (!profile.givenNames.includes(facts.name.givenNames) || !profile.familyNames.includes(facts.name.familyName)) return true;
  const address = facts.address;
  return address !== null && address.postcode !== "" && !isLocationWithheld(address.labels, recordLabels) && !profile.postcodes.includes(address.postcode);
}

/** A new record, nobody's until linked (by its SUI, or by matching with its batch). */
function newRecord(manager: EntityManager, item: ReceivedSubmission, decidedBy: string): AgencyRecord {
  return manager.getRepository(AgencyRecord).create({
    id: randomUUID(),
    agency: item.agency,
    agencyReference: item.submission.agencyReference,
    recordType: item.recordType,
    version: 1,
    child: null,
    reportedIdentity: item.identity,
    labels: [...new Set(item.submission.labels ?? [])],
    fieldLabels: fieldLabelsOf(item.submission),
    recordedAt: item.submission.recordedAt ?? null,
    contentHash: item.contentHash,
    receivedAt: item.receivedAt,
    linkMethod: LinkMethod.PROBABILISTIC,
    linkState: LinkState.POSSIBLE,
    linkOrigin: LinkOrigin.AUTO,
    linkDecidedBy: decidedBy,
    linkDecidedAt: item.now,
    linkEvidence: null,
  });
}

export function fieldLabelsOf(submission: AgencyRecordSubmission): FieldLabels {
  const labels: FieldLabels = {};
  for (const { field, labels: added } of submission.fieldLabels ?? []) {
    labels[field] = [...new Set([...(labels[field] ?? []), ...added])];
  }
  return labels;
}
