/**
 * How well a matcher linked a run of incoming records, scored against the generator's truth.
 *
 * The hub grows as it links: a NEW_CHILD decision creates a child standing for that record's true
 * entity, so a later record about the same person has a child to be linked to. A record is therefore a
 * true match when its true entity already has a child in the hub at the moment it is decided — a
 * registry child, or a child created by an earlier NEW_CHILD decision about the same person — and the
 * outcomes must be recorded in the order they were decided. A REVIEW decision creates nothing: until a
 * person resolves it, the record is in nobody's file.
 */

export const LINKAGE_BANDS = ["AUTO_LINK", "REVIEW", "NEW_CHILD"] as const;
export type LinkageBand = (typeof LINKAGE_BANDS)[number];

/** What the matcher decided for one incoming record, with children named by the entity they stand for. */
export interface LinkageOutcome {
  trueEntityId: number;
  band: LinkageBand;
  /** For AUTO_LINK: the entity of the child linked to. */
  linkedEntityId?: number;
  /** For REVIEW: the entities of the children offered to the reviewer. */
  reviewCandidateEntityIds?: readonly number[];
  /** The entities of every child the blocking returned as a candidate. */
  blockedCandidateEntityIds: readonly number[];
}

/** A proportion with its parts; `value` is null when nothing was there to count (0 / 0). */
export interface Ratio {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface LinkageMetrics {
  records: number;
  bands: Readonly<Record<LinkageBand, number>>;
  /** Records whose true entity already had a child in the hub when they were decided. */
  trueMatches: number;
  /** AUTO_LINKs to a child standing for the record's true entity. */
  correctAutoLinks: number;
  /** AUTO_LINKs to a child standing for someone else: another child's record now in this child's file. */
  falseAutoLinks: number;
  /** Of the false auto-links, those of records with no true match (a new child merged into another's file). */
  falseAutoLinksWithoutMatch: number;
  /** REVIEWs of true matches whose candidates include the true entity's child. */
  reviewsOfferingTrueChild: number;
  /** NEW_CHILD decisions for records with no true match. */
  correctNewChildren: number;
  /** NEW_CHILD decisions for true matches: a duplicate child file. */
  falseNewChildren: number;
  /** Correct auto-links / auto-links. */
  autoLinkPrecision: Ratio;
  /** Correct auto-links / true matches: also the share of true matches settled correctly without review. */
  autoLinkRecall: Ratio;
  /** (Correct auto-links + reviews offering the true child) / (auto-links + reviews). */
  autoOrReviewPrecision: Ratio;
  /** (Correct auto-links + reviews offering the true child) / true matches. */
  autoOrReviewRecall: Ratio;
  /** True matches whose true entity's child was among the blocking candidates / true matches. */
  blockingPairsCompleteness: Ratio;
  meanBlockedCandidates: number | null;
  meanReviewCandidates: number | null;
}

function ratio(numerator: number, denominator: number): Ratio {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/**
 * Counts outcomes one at a time, in the order they were decided, so a benchmark of hundreds of
 * thousands of records never holds their candidate lists. `isRegistryEntity` says which entities had a
 * child in the hub before the run.
 */
export class LinkageTally {
  private readonly createdEntities = new Set<number>();
  private readonly bands: Record<LinkageBand, number> = { AUTO_LINK: 0, REVIEW: 0, NEW_CHILD: 0 };
  private records = 0;
  private trueMatches = 0;
  private correctAutoLinks = 0;
  private falseAutoLinksWithoutMatch = 0;
  private reviewsOfferingTrueChild = 0;
  private falseNewChildren = 0;
  private blockedTrueMatches = 0;
  private blockedCandidates = 0;
  private reviewCandidates = 0;

  constructor(private readonly isRegistryEntity: (entityId: number) => boolean) {}

  private hasChild(entityId: number): boolean {
    return this.isRegistryEntity(entityId) || this.createdEntities.has(entityId);
  }

  /** A link or a review offer naming an entity with no child yet is a bug in the benchmark, not a matcher's mistake. */
  private requireChild(entityId: number, role: string): void {
    if (!this.hasChild(entityId)) throw new RangeError(`Record ${this.records + 1}: ${role} entity ${entityId} has no child in the hub yet`);
  }

  /** Counts one outcome, and says how it went for its record. */
  record(outcome: LinkageOutcome): OutcomeVerdict {
    const isTrueMatch = this.hasChild(outcome.trueEntityId);
    const verdict: OutcomeVerdict = {
      trueMatch: isTrueMatch,
      correctAutoLink: outcome.band === "AUTO_LINK" && outcome.linkedEntityId === outcome.trueEntityId,
      found: false,
      blocked: isTrueMatch && outcome.blockedCandidateEntityIds.includes(outcome.trueEntityId),
    };
    verdict.found = verdict.correctAutoLink || (isTrueMatch && outcome.band === "REVIEW" && (outcome.reviewCandidateEntityIds ?? []).includes(outcome.trueEntityId));
    this.records++;
    this.bands[outcome.band]++;
    this.blockedCandidates += outcome.blockedCandidateEntityIds.length;
    if (isTrueMatch) {
      this.trueMatches++;
      if (outcome.blockedCandidateEntityIds.includes(outcome.trueEntityId)) this.blockedTrueMatches++;
    }
    switch (outcome.band) {
      case "AUTO_LINK": {
        if (outcome.linkedEntityId === undefined) throw new RangeError(`Record ${this.records}: an AUTO_LINK needs linkedEntityId`);
        this.requireChild(outcome.linkedEntityId, "linked");
        if (outcome.linkedEntityId === outcome.trueEntityId) this.correctAutoLinks++;
        else if (!isTrueMatch) this.falseAutoLinksWithoutMatch++;
        break;
      }
      case "REVIEW": {
        const candidates = outcome.reviewCandidateEntityIds ?? [];
        for (const candidate of candidates) this.requireChild(candidate, "review candidate");
        this.reviewCandidates += candidates.length;
        if (isTrueMatch && candidates.includes(outcome.trueEntityId)) this.reviewsOfferingTrueChild++;
        break;
      }
      case "NEW_CHILD": {
        if (isTrueMatch) this.falseNewChildren++;
        else this.createdEntities.add(outcome.trueEntityId);
        break;
      }
    }
    return verdict;
  }

  metrics(): LinkageMetrics {
    const autoLinks = this.bands.AUTO_LINK;
    const found = this.correctAutoLinks + this.reviewsOfferingTrueChild;
    return {
      records: this.records,
      bands: { ...this.bands },
      trueMatches: this.trueMatches,
      correctAutoLinks: this.correctAutoLinks,
      falseAutoLinks: autoLinks - this.correctAutoLinks,
      falseAutoLinksWithoutMatch: this.falseAutoLinksWithoutMatch,
      reviewsOfferingTrueChild: this.reviewsOfferingTrueChild,
      correctNewChildren: this.bands.NEW_CHILD - this.falseNewChildren,
      falseNewChildren: this.falseNewChildren,
      autoLinkPrecision: ratio(this.correctAutoLinks, autoLinks),
      autoLinkRecall: ratio(this.correctAutoLinks, this.trueMatches),
      autoOrReviewPrecision: ratio(found, autoLinks + this.bands.REVIEW),
      autoOrReviewRecall: ratio(found, this.trueMatches),
      blockingPairsCompleteness: ratio(this.blockedTrueMatches, this.trueMatches),
      meanBlockedCandidates: ratio(this.blockedCandidates, this.records).value,
      meanReviewCandidates: ratio(this.reviewCandidates, this.bands.REVIEW).value,
    };
  }
}

/** How one record's outcome went. */
export interface OutcomeVerdict {
  /** Its true entity had a child in the hub when it was decided. */
  trueMatch: boolean;
  /** Auto-linked to its true entity's child. */
  correctAutoLink: boolean;
  /** A true match auto-linked correctly or sent to a review offering the true child. */
  found: boolean;
  /** A true match whose true child blocking returned. */
  blocked: boolean;
}

/** Recall of the true matches each kind of noise struck (a record with two kinds counts under both). */
export class RecallByNoise {
  private readonly rows = new Map<string, { trueMatches: number; autoLinked: number; found: number; blocked: number }>();

  add(kinds: readonly string[], verdict: OutcomeVerdict): void {
    if (!verdict.trueMatch) return;
    for (const kind of kinds.length === 0 ? ["(no noise)"] : kinds) {
      const row = this.rows.get(kind) ?? { trueMatches: 0, autoLinked: 0, found: 0, blocked: 0 };
      row.trueMatches++;
      if (verdict.correctAutoLink) row.autoLinked++;
      if (verdict.found) row.found++;
      if (verdict.blocked) row.blocked++;
      this.rows.set(kind, row);
    }
  }

  /** One line per kind, in the order given (kinds never seen are left out): true matches, then each recall. */
  format(order: readonly string[]): string {
    const kinds = ["(no noise)", ...order].filter((kind) => this.rows.has(kind));
    const width = Math.max(...kinds.map((kind) => kind.length), "noise kind".length);
    const header = `  ${"noise kind".padEnd(width)}  true matches  auto-linked  auto + review  blocked`;
    const lines = kinds.map((kind) => {
      const row = this.rows.get(kind) as { trueMatches: number; autoLinked: number; found: number; blocked: number };
      const share = (value: number) => percent(value / row.trueMatches).padStart(7);
      return `  ${kind.padEnd(width)}  ${count(row.trueMatches).padStart(12)}  ${share(row.autoLinked).padStart(11)}  ${share(row.found).padStart(13)}  ${share(row.blocked).padStart(7)}`;
    });
    return ["Recall of true matches by the noise that struck them:", header, ...lines].join("\n");
  }
}

/** The metrics of a whole run, its outcomes in the order they were decided. */
export function computeLinkageMetrics(outcomes: Iterable<LinkageOutcome>, isRegistryEntity: (entityId: number) => boolean): LinkageMetrics {
  const tally = new LinkageTally(isRegistryEntity);
  for (const outcome of outcomes) tally.record(outcome);
  return tally.metrics();
}

const count = (value: number): string => value.toLocaleString("en-GB");
const percent = (value: number | null): string => (value === null ? "—" : `${(value * 100).toFixed(2)}%`);
const ratioRow = (label: string, value: Ratio): [string, string, string] => [label, percent(value.value), `${count(value.numerator)} / ${count(value.denominator)}`];

/** The metrics as an aligned table: label, value, and the counts behind it. */
export function formatLinkageReport(metrics: LinkageMetrics): string {
  const share = (value: number) => `${count(value)} / ${count(metrics.records)}`;
  const rows: [string, string, string][] = [
    ...LINKAGE_BANDS.map((band): [string, string, string] => [band, percent(ratio(metrics.bands[band], metrics.records).value), share(metrics.bands[band])]),
    ["true matches (true child already in the hub)", percent(ratio(metrics.trueMatches, metrics.records).value), share(metrics.trueMatches)],
    ratioRow("auto-link precision", metrics.autoLinkPrecision),
    ratioRow("auto-link recall (true matches settled without review)", metrics.autoLinkRecall),
    ratioRow("auto + review precision", metrics.autoOrReviewPrecision),
    ratioRow("auto + review recall", metrics.autoOrReviewRecall),
    ratioRow("blocking pairs completeness", metrics.blockingPairsCompleteness),
    ["false auto-links", count(metrics.falseAutoLinks), `of which ${count(metrics.falseAutoLinksWithoutMatch)} for records with no true match`],
    ["false new children (duplicate child files)", count(metrics.falseNewChildren), `of ${count(metrics.bands.NEW_CHILD)} new children`],
    ["blocking candidates per record", metrics.meanBlockedCandidates === null ? "—" : metrics.meanBlockedCandidates.toFixed(1), ""],
    ["candidates per review", metrics.meanReviewCandidates === null ? "—" : metrics.meanReviewCandidates.toFixed(1), ""],
  ];
  const labelWidth = Math.max(...rows.map(([label]) => label.length));
  const valueWidth = Math.max(...rows.map(([, value]) => value.length));
  const lines = rows.map(([label, value, detail]) => `  ${label.padEnd(labelWidth)}  ${value.padStart(valueWidth)}  ${detail}`.trimEnd());
  return [`Linkage of ${count(metrics.records)} incoming records`, ...lines].join("\n");
}
