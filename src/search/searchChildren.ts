import { type DataSource } from "typeorm";
import { type Principal } from "../auth/Principal";
import { AuditOperation } from "../audit/AuditOperation";
import { AuditOutcome } from "../audit/AuditOutcome";
import { recordAuditEntry, type AuditEntryInput, type AuditRefusal } from "../audit/recordAuditEntry";
import { type Withholding } from "../policy/DisclosureDecision";
import { ErrorCode, HubError } from "../errors/HubError";
import { compareFamilyNames, compareGivenNames } from "../identity/matching/comparisonLevels";
import { type IdentityFacts } from "../identity/matching/comparisonVector";
import { defaultMatchWeights } from "../identity/matching/defaultMatchWeights";
import { type MatchProfile } from "../identity/matching/MatchProfile";
import { type MatchWeights } from "../identity/matching/matchWeights";
import { postcodeParts } from "../identity/matching/postcodeParts";
import { scoreCandidate } from "../identity/matching/scoreCandidate";
import { factsTerms } from "../identity/matching/termFrequencies";
import { loadTermFrequencies } from "../identity/matchProfiles";
import { parseSui } from "../identity/nhsNumber";
import { normalisePostcode } from "../people/postcode";
import { type AccessContext } from "../policy/AccessContext";
import { checkStatedAccess } from "../policy/checkAccessContext";
import { ConsentState } from "../policy/ConsentState";
import { decideRecords } from "../policy/decideDisclosure";
import { CHILD_DETAILS, type DisclosureSubject } from "../policy/DisclosureSubject";
import { type PolicySet } from "../policy/PolicySet";
import { RelationshipKind } from "../policy/RelationshipKind";
import { validateAccessContext } from "../policy/validateAccessContext";
import { childDetails } from "../disclosure/buildDisclosureSubject";
import { raiseBreakGlassAlert } from "../alerts/raiseBreakGlassAlert";
import { recordSearchedChildren } from "../referrals/bindReferral";
import { ADDRESS_LENGTH, addressLevel, parseAddressText, type AddressLevel } from "./addressText";
import { agencyTypesHolding } from "./agencyTypesHolding";
import { comparisonsAnySearcherIsShown, comparisonsShown, shownScore, whyWithheld, type ComparisonsShown } from "./comparisonsShown";
import { birthSearch, type BirthSearch } from "./birthDates";
import { criteriaDigests, fieldsGiven, type CriteriaAsUsed } from "./criteriaDigests";
import { criteriaShown } from "./criteriaShown";
import { findCandidates, searchKeys, type Candidate, type CandidateQuery } from "./findCandidates";
import { matchableAddresses } from "./matchableAddresses";
import { openHubReferral } from "../referrals/openHubReferral";
import { type SearchCriteria } from "./SearchCriteria";
import { searchRoles } from "./searchRoles";
import { type ChildCandidate, type ChildSearchResult } from "./SearchResult";
import { type SearchRateLimiter } from "./searchRateLimiter";
import { type SearchSettings } from "./SearchSettings";
import { childrenKeptOut } from "../exclusions/childrenKeptOut";
import { EXCLUDED_FROM_FILE } from "../exclusions/exclusionRefusal";
import { raiseExclusionAlerts } from "../exclusions/raiseExclusionAlerts";

export interface SearchServices {
  dataSource: DataSource;
  policy: PolicySet;
  settings: SearchSettings;
  rateLimiter: SearchRateLimiter | null;
  weights?: MatchWeights;
}

const NAME_LENGTH = 100;

/**
 * A candidate is shown when the evidence is for it being the child at all (a score above 0 bits: the
 * fields agree more than two children's would by chance). The linker asks a steward only from the
 * review threshold because it decides alone; a searcher looks at each candidate, and a referrer's
 * details are often thinner than an agency's (a changed surname with a slipped date still scores a few
 * bits). At most `first` (and never more than SEARCH_MAX_CANDIDATES) are shown, best first.
 */
const SHOWN_ABOVE_BITS = 0;

/** The child details a candidate may show, each decided by the policy for the search's purpose. */
const CANDIDATE_FIELDS = ["givenNames", "familyName", "dateOfBirth", "sex", "addresses"] as const;

/** Advice on narrowing a wide search, the same whatever made it wide: how wide it was is not said. */
const NARROW =
  "This search is too wide to show: give at least two of given name, family name, date of birth and postcode — a name with a date of birth finds a child best — or the child's SUI or an agency's reference.";

/**
 * `searchChildren(criteria, access, first)`: the children a MASH's referral could be about, ranked by
 * the identity matcher's own comparison levels and weights (`identity/matching/`), so search and
 * linking agree on "the same child" (issue 11, DOMAIN scenario 5).
 *
 * Never a way to browse: only the roles a search grant names (`policies/search.yaml`), only under an
 * open referral at the caller's authority that its case reference names (checked against what the
 * hub holds: a reference naming nothing is refused like none) or break-glass, never a single field
 * nor more than `maxCandidates` children, at most `perMinute` searches a minute. Every search — and
 * every refusal — is audited before the answer leaves, with the fields used, each value only as a keyed
 * HMAC, and the candidates shown. A candidate shows what the policy lets a searcher tell candidates
 * apart by, the agency types holding records of it, and why it matched; never record content: opening
 * one is the audited `child` read.
 *
 * Provenance (design principle 8): candidates come from the match profiles and blocking keys, which
 * hold only what unrestricted records reported, never a withheld location; agency types never count a
 * sealed record, and a brokered one only as restricted involvement. A search on a sealed alias or a
 * refuge postcode therefore gives exactly the answer and the audit entry a search for nobody gives.
 */
export async function searchChildren(services: SearchServices, principal: Principal, requestId: string, criteria: SearchCriteria, rawAccess: AccessContext, first: number, now = new Date()): Promise<ChildSearchResult> {
  const { dataSource, policy, settings } = services;
  const access = validateAccessContext(rawAccess);
  const rate = await services.rateLimiter?.consume(principal);
  if (rate !== undefined && !rate.allowed) {
    throw new HubError(ErrorCode.RATE_LIMITED, `Too many searches from you: try again in ${rate.retryAfterSeconds} s.`, { limit: rate.limit, retryAfterSeconds: rate.retryAfterSeconds });
  }
  const given = fieldsGiven(criteria);
  // The criteria on the entry as the search used them, never finer (`criteriaDigests.ts`): until this
  // searcher's comparisons are decided, no finer than the policy lets any search use them; then as
  // `criteriaShown` lets this searcher. `fieldsUsed` names only the criteria used; one given but refused
  // as unusable is in `fieldsRefused` instead, with its problem and rule, so the trail never reads as a
  // search by something it did not search by. The rule that narrowed them is named (`criteriaRule`), and
  // once decided, the rule that shaped every `why` (`comparisonsRule`) with what it kept from the
  // searcher, as a disclosure records its withheld fields with their rule ids.
  const comparisonsRule = policy.candidateComparisons.id;
  let withheld: Withholding[] = [];
  let base: Record<string, unknown> = {};
  const recordCriteria = (shown: ComparisonsShown, decided: boolean, refused: boolean): CriteriaAsUsed => {
    const asUsed = criteriaDigests(settings.auditKey, criteria, shown);
    base = {
      fieldsUsed: asUsed.used, fieldsRefused: asUsed.notUsed.map((field) => ({ field, problem: "CRITERION_NOT_SHOWN", rule: comparisonsRule })),
      criteria: asUsed.digests, criteriaUsedAs: asUsed.usedAs, principalLocalAuthority: principal.localAuthority,
      ...(asUsed.narrowed.length > 0 || refused ? { criteriaRule: comparisonsRule } : {}),
      ...(decided ? { comparisonsRule } : {}),
    };
    return asUsed;
  };
  recordCriteria(comparisonsAnySearcherIsShown(policy.candidateComparisons), false, false);
  const audit = (entry: Pick<AuditEntryInput, "childSuis" | "outcome" | "refusal" | "details"> & Partial<Pick<AuditEntryInput, "fieldsDisclosed">>) =>
    recordAuditEntry(dataSource, {
      requestId, principal, operation: AuditOperation.CHILD_SEARCH, access, policyVersion: policy.version, breakGlass: access.breakGlass,
      fieldsDisclosed: [], fieldsWithheld: withheld, prejudicesInvestigation: false, ...entry,
    });
  // Children a named-staff exclusion keeps this caller out of, which the search matched: once the
  // candidates are known, every answer is followed by the statement that alerts IG to them (none or some).
  // A child awaiting an SUI is alerted and named by its id, as one holding an SUI is.
  let attempted: { childId: string; sui: string | null }[] | null = null;
  const alertAttempts = async (disclosureId: string) => {
    if (attempted !== null) await raiseExclusionAlerts(dataSource, principal, attempted.map((child) => child.childId), disclosureId, access.justification, now);
  };
  // Named in the entry's details for the IG lead, never among its children: nothing of them was shown.
  const exclusionDetails = () => (attempted !== null && attempted.length > 0
    ? { excludedAttempt: { rule: EXCLUDED_FROM_FILE.rule, suis: attempted.flatMap((child) => (child.sui === null ? [] : [child.sui])), childIds: attempted.map((child) => child.childId) } }
    : {});
  const refuse = async (code: ErrorCode, problem: string, rule: string, message: string, path = code === ErrorCode.SEARCH_TOO_WIDE ? "criteria" : "access"): Promise<never> => {
    const refusal: AuditRefusal = { code, problem, rule };
    const receipt = await audit({ childSuis: [], outcome: AuditOutcome.REFUSED, refusal, details: { ...base, ...exclusionDetails() } });
    await alertAttempts(receipt.id);
    throw new HubError(code, message, { path, problem, rule });
  };

  const grants = searchGrants(policy, principal, access);
  if (grants.length === 0) {
    return refuse(ErrorCode.FORBIDDEN, "SEARCH_NOT_PERMITTED", "default-deny", `Searching for a child is for ${searchRoles(policy).join(", ")} triaging a referral; your role and purpose are not.`);
  }
  const stated = checkStatedAccess(policy, principal, access);
  if (stated !== null) return refuse(ErrorCode.ACCESS_CONTEXT_INVALID, stated.problem, stated.rule, stated.message);
  const referral = access.breakGlass ? null : await openHubReferral(dataSource.manager, principal, access, policy, now);
  if (!access.breakGlass && referral === null) {
    return refuse(ErrorCode.ACCESS_CONTEXT_INVALID, "NO_OPEN_REFERRAL", "search-needs-open-referral",
      "A search needs the case reference of an open referral, strategy discussion, s.47 enquiry or emergency protection order at your authority (or break-glass in an emergency).");
  }

  // What a candidate's `why` may say, and so what it is scored and ranked by: each comparison only as far
  // as the policy shows this searcher the detail it speaks of (policies/search.yaml `candidateComparisons`).
  const candidateView = candidateDecision(policy, principal, access, CANDIDATE_FIELDS, referral !== null, now);
  const reported = comparisonsShown(policy.candidateComparisons, candidateView.disclosed.map((path) => path.replace(/^demographics\./, "")));
  // And what the criteria may find, rank and count candidates by: no finer than that either.
  const usable = criteriaShown(candidateQuery(criteria, now), given, reported);
  const { used } = recordCriteria(reported, true, "notShown" in usable);
  withheld = [
    ...candidateView.withheld.map(({ path, reason, rule }) => ({ path: `candidates.${path}`, reason, rule })),
    ...whyWithheld(policy.candidateComparisons, reported, (parseAddressText(criteria.address)?.line ?? "") !== ""),
  ];
  if ("notShown" in usable) {
    const { field } = usable.notShown;
    return refuse(ErrorCode.INVALID_INPUT, "CRITERION_NOT_SHOWN", policy.candidateComparisons.id,
      `A search of yours cannot use criteria.${field}: the policy shows you no candidate detail it could be compared with${field !== "address" ? "" : given.includes("postcode") ? " (beside a postcode given on its own, the text's postcode is not searched)" : " (give the postcode, if it is shown to you)"}. Leave it out — a name with a date of birth finds a child best — and open the child's file for what the disclosure rules let you see.`,
      `criteria.${field}`);
  }
  const { query } = usable;
  const identified = query.sui !== null || query.agencyReference !== null;
  const keys = searchKeys(query);
  if (!identified && (used.length < 2 || keys.length === 0)) return refuse(ErrorCode.SEARCH_TOO_WIDE, "TOO_FEW_FIELDS", "search-narrow", NARROW);
  const weights = services.weights ?? defaultMatchWeights();
  // A child whose file an exclusion keeps this caller out of is, to them, a child the hub does not hold:
  // not a candidate, not counted towards "too wide", not ranked.
  const keptOut = await childrenKeptOut(dataSource.manager, principal);
  const [blocked, frequencies] = await Promise.all([findCandidates(dataSource.manager, query, keys, settings.maxBlocked, keptOut.childIds), loadTermFrequencies(dataSource.manager, factsTerms(query.facts))]);
  const matching = (candidates: readonly Candidate[]) => candidates
    .filter((candidate) => withinBirthRange(query.birth, candidate.profile))
    .map((candidate) => ({ candidate, score: shownScore(weights, scoreCandidate(weights, query.facts, candidate.profile, frequencies), reported) }))
    .filter(({ score }) => identified || score.score > SHOWN_ABOVE_BITS);
  attempted = matching(blocked.keptOut).map(({ candidate }) => ({ childId: candidate.profile.childId, sui: candidate.sui }));
  if (blocked.candidates === null) return refuse(ErrorCode.SEARCH_TOO_WIDE, "TOO_MANY_CANDIDATES", "search-narrow", NARROW);
  // A candidate's agreement with a typed first line tells the searcher the child's address: the query
  // keeps the first line only where the policy shows this searcher a candidate's address that finely.
  const ranked = await rankedByAddress(dataSource.manager, query, matching(blocked.candidates));
  // Wide: more children than SEARCH_MAX_CANDIDATES each as alike as a record the linker would put to a
  // steward — "Oliver Smith" alone. Weaker candidates behind one strong one (the same name with another
  // date of birth) do not make a search wide: they rank below it, and only the best `first` are shown.
  const strong = ranked.filter(({ score }) => score.score >= weights.thresholds.review).length;
  if (strong > settings.maxCandidates) return refuse(ErrorCode.SEARCH_TOO_WIDE, "TOO_MANY_CANDIDATES", "search-narrow", NARROW);

  const shown = ranked.slice(0, Math.min(first, settings.maxCandidates));
  const holdings = await agencyTypesHolding(dataSource.manager, shown.map(({ candidate }) => candidate.profile.childId), access);
  const detailed = shown.map(({ candidate, score, address }) => {
    const { demographics, disclosed, withheld: kept } = candidateDetails(policy, principal, access, query.facts, candidate, referral !== null, now);
    const shownCandidate: ChildCandidate = {
      sui: candidate.sui,
      score: Math.round(score.score * 100) / 100,
      why: [...score.why, ...(address === null ? [] : [{ field: "address", level: address, weight: 0 }])],
      demographics,
      withheld: kept.map(({ path, rule }) => ({ path, rule })),
      agencyTypes: holdings.get(candidate.profile.childId) ?? [],
    };
    return { candidate: shownCandidate, disclosed, withheld: kept };
  });
  const candidates = detailed.map(({ candidate }) => candidate);
  // What each candidate disclosed, and what the policy withheld of it, named by the candidate's position
  // in the answer (as `details.candidates` lists them): every child the searcher was shown is on the
  // entry with what of it they were shown, as a `child` read lists its own (`demographics.givenNames`).
  const disclosedPaths = detailed.flatMap(({ candidate, disclosed }, index) => [
    ...(candidate.sui === null ? [] : ["sui"]), "score", ...candidate.why.map(({ field }) => `why.${field}`), ...disclosed,
    ...(candidate.agencyTypes.length === 0 ? [] : ["agencyTypes"]),
  ].map((path) => candidatePath(index, path)));
  withheld = [...withheld, ...detailed.flatMap(({ withheld: kept }, index) => kept.map((withholding) => ({ ...withholding, path: candidatePath(index, withholding.path) })))];
  const receipt = await audit({
    childSuis: candidates.flatMap((candidate) => (candidate.sui === null ? [] : [candidate.sui])),
    outcome: candidates.length === 0 ? AuditOutcome.NOT_FOUND : AuditOutcome.DISCLOSED,
    refusal: null,
    fieldsDisclosed: disclosedPaths,
    details: {
      ...base,
      ...(referral ? { openReferral: referral } : {}),
      // Position by position, as the paths of `fieldsDisclosed` name them: the child, and its SUI where it has one.
      candidates: shown.map(({ candidate, score }) => ({ childId: candidate.profile.childId, sui: candidate.sui, score: Math.round(score.score * 100) / 100 })),
      grantingRules: grants.map((grant) => grant.id),
      ...exclusionDetails(),
    },
  });
  await alertAttempts(receipt.id);
  // Break-glass (scenario 9): each child shown is an emergency disclosure, alerted to IG like a read of the child.
  // A child awaiting an SUI is alerted by its id like any other: the IG lead learns of every emergency view.
  if (access.breakGlass) for (const { candidate } of shown) await raiseBreakGlassAlert(dataSource, principal, candidate.profile.childId, receipt.id, access.justification, now);
  // A referral opened before the child was identified may be bound to one of these on opening it.
  if (referral?.source.kind === "HUB") await recordSearchedChildren(dataSource, referral.source.referralId, candidates.flatMap((candidate) => (candidate.sui === null ? [] : [candidate.sui])));
  return { searchId: receipt.id, candidates };
}

/**
 * With an address's first line searched, each candidate's agreement with it (`addressText.ts`, against
 * `matchableAddresses`: never a withheld location, nor one only a restricted record gave), ranking a
 * candidate at the address ahead of one scoring the same elsewhere. The matcher gives a first line no
 * weight, so the score, and what is wide, stay the matcher's.
 */
async function rankedByAddress<T extends { candidate: Candidate; score: { score: number } }>(manager: DataSource["manager"], query: CandidateQuery, matched: T[]): Promise<(T & { address: AddressLevel | null })[]> {
  const text = query.address;
  if (text === null || text.line === "") return matched.map((match) => ({ ...match, address: null }));
  const addresses = await matchableAddresses(manager, matched.map(({ candidate }) => candidate.profile.childId));
  const order: AddressLevel[] = ["EXACT", "DIFFERENT", "MISSING"];
  return matched
    .map((match) => ({ ...match, address: addressLevel(text, addresses.get(match.candidate.profile.childId) ?? []) }))
    .sort((a, b) => b.score.score - a.score.score || order.indexOf(a.address) - order.indexOf(b.address) || a.candidate.profile.childId.localeCompare(b.candidate.profile.childId));
}

/** The search grants (relationship SEARCH_CANDIDATE) that admit this caller and purpose. */
function searchGrants(policy: PolicySet, principal: Principal, access: AccessContext) {
  return policy.grants.filter(
    (grant) => grant.relationships?.includes(RelationshipKind.SEARCH_CANDIDATE) === true && grant.purposes.includes(access.purpose) && principal.roles.some((role) => grant.roles.includes(role)) && (grant.agencyTypes === null || grant.agencyTypes.includes(principal.agencyType)),
  );
}

function text(raw: string | null | undefined, path: string): string {
  const value = raw?.trim() ?? "";
  if (value.length > NAME_LENGTH) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${NAME_LENGTH} characters.`, { path });
  return value;
}

/** The criteria in the matcher's terms, each validated at the edge (a benchmark explains the statement they give). */
export function candidateQuery(criteria: SearchCriteria, now: Date): CandidateQuery {
  const birth = birthSearch(criteria.dateOfBirth, now);
  const rawPostcode = criteria.postcode?.trim() ?? "";
  const postcode = rawPostcode === "" ? null : normalisePostcode(rawPostcode);
  if (rawPostcode !== "" && postcode === null) throw new HubError(ErrorCode.INVALID_INPUT, "Not a UK postcode (e.g. HP20 1UA).", { path: "criteria.postcode" });
  if ((criteria.address?.trim().length ?? 0) > ADDRESS_LENGTH) throw new HubError(ErrorCode.INVALID_INPUT, `At most ${ADDRESS_LENGTH} characters.`, { path: "criteria.address" });
  const address = parseAddressText(criteria.address);
  const rawSui = criteria.sui?.replace(/\s/g, "") ?? "";
  const reference = criteria.agencyReference ?? null;
  if (reference !== null && (reference.agencyCode.trim() === "" || reference.reference.trim() === "")) {
    throw new HubError(ErrorCode.INVALID_INPUT, "An agency's reference needs the agency's code and its reference.", { path: "criteria.agencyReference" });
  }
  const facts: IdentityFacts = {
    givenNames: text(criteria.givenNames, "criteria.givenNames"),
    familyName: text(criteria.familyName, "criteria.familyName"),
    dateOfBirth: birth?.kind === "EXACT" ? birth.date : null,
    sex: criteria.sex ?? null,
    postcode: postcode ?? address?.postcode ?? null,
  };
  return {
    facts, birth, address, postcodeKeying: "UNIT",
    sui: rawSui === "" ? null : parseSui(rawSui, "criteria.sui"),
    agencyReference: reference === null ? null : { agencyCode: text(reference.agencyCode, "criteria.agencyReference.agencyCode"), reference: text(reference.reference, "criteria.agencyReference.reference") },
  };
}

function withinBirthRange(birth: BirthSearch, profile: MatchProfile): boolean {
  if (birth?.kind !== "RANGE") return true;
  return profile.dateOfBirth !== null && profile.dateOfBirth >= birth.from && profile.dateOfBirth <= birth.to;
}

/** The policy's decision on these of a search candidate's details, under the relationship SEARCH_CANDIDATE. */
function candidateDecision(policy: PolicySet, principal: Principal, access: AccessContext, offered: readonly (typeof CANDIDATE_FIELDS)[number][], caseOpen: boolean, now: Date) {
  const fields = offered.map((field) => ({ path: `demographics.${field}`, recordType: CHILD_DETAILS, field, labels: [] }));
  const subject: DisclosureSubject = {
    relationships: [RelationshipKind.SEARCH_CANDIDATE],
    consent: ConsentState.NOT_RECORDED, consentOverride: false, openCaseReference: caseOpen, records: [childDetails(fields)],
  };
  return decideRecords(policy, principal, access, subject, now);
}

/** The profile value that agrees best with what was searched (the first when nothing was). */
function bestValue(values: readonly string[], searched: string, compare: (a: string, b: string) => string): string | null {
  if (values.length === 0) return null;
  if (searched === "") return values[0] ?? null;
  const order = ["EXACT", "EQUIVALENT", "PHONETIC", "JARO_WINKLER_HIGH", "JARO_WINKLER_MID", "DIFFERENT", "MISSING"];
  return [...values].sort((a, b) => order.indexOf(compare(searched, a)) - order.indexOf(compare(searched, b)))[0] ?? null;
}

/**
 * What a searcher may see of a candidate to tell it from the others, decided by the policy engine as
 * the child's own details under the relationship SEARCH_CANDIDATE: the candidate's profile values (so
 * only what unrestricted records reported; a postcode as its district), each field through the grants.
 */
function candidateDetails(policy: PolicySet, principal: Principal, access: AccessContext, facts: IdentityFacts, candidate: Candidate, caseOpen: boolean, now: Date): Pick<ChildCandidate, "demographics"> & { disclosed: string[]; withheld: Withholding[] } {
  const { profile } = candidate;
  const postcode = bestValue(profile.postcodes, facts.postcode ?? "", (a, b) => (postcodeParts(a)?.district === postcodeParts(b)?.district ? "EXACT" : "DIFFERENT"));
  const offered = {
    givenNames: bestValue(profile.givenNames, facts.givenNames, compareGivenNames),
    familyName: bestValue(profile.familyNames, facts.familyName, compareFamilyNames),
    dateOfBirth: profile.dateOfBirth,
    sex: profile.sex === "NOT_KNOWN" ? null : profile.sex,
    addresses: postcode === null ? null : (postcodeParts(postcode)?.district ?? null),
  };
  const decision = candidateDecision(policy, principal, access, CANDIDATE_FIELDS.filter((field) => offered[field] !== null), caseOpen, now);
  const shown = (field: (typeof CANDIDATE_FIELDS)[number]) => (decision.disclosed.includes(`demographics.${field}`) ? offered[field] : null);
  return {
    demographics: { givenNames: shown("givenNames"), familyName: shown("familyName"), dateOfBirth: shown("dateOfBirth"), sex: shown("sex"), postcodeDistrict: shown("addresses") },
    disclosed: decision.disclosed,
    withheld: decision.withheld,
  };
}

/**
 * A candidate's path as the search's audit entry names it: by the candidate's position among those shown
 * (`candidates[0].demographics.givenNames`), never by the child — an entry naming several children names
 * positions, so a reader of one child's trail learns no other child from it (`audit/README.md`).
 */
function candidatePath(index: number, path: string): string {
  return `candidates[${index}].${path}`;
}
