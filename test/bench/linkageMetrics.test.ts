import { computeLinkageMetrics, formatLinkageReport, LinkageTally, RecallByNoise, type LinkageOutcome } from "../../bench/linkage/linkageMetrics";

/** Entities 1–10 have a child in the hub before the run; 11 and up are new. */
const inRegistry = (entityId: number) => entityId >= 1 && entityId <= 10;

const autoLink = (trueEntityId: number, linkedEntityId: number, blocked: number[] = [linkedEntityId]): LinkageOutcome => ({
  trueEntityId,
  band: "AUTO_LINK",
  linkedEntityId,
  blockedCandidateEntityIds: blocked,
});
const review = (trueEntityId: number, candidates: number[], blocked: number[] = candidates): LinkageOutcome => ({
  trueEntityId,
  band: "REVIEW",
  reviewCandidateEntityIds: candidates,
  blockedCandidateEntityIds: blocked,
});
const newChild = (trueEntityId: number, blocked: number[] = []): LinkageOutcome => ({ trueEntityId, band: "NEW_CHILD", blockedCandidateEntityIds: blocked });

describe("linkage metrics", () => {
  it("are all 1.0 for perfect linkage, counting a new child's later record as a true match", () => {
    const metrics = computeLinkageMetrics([autoLink(1, 1, [1, 2]), autoLink(2, 2), newChild(11, [3]), autoLink(11, 11, [11, 4])], inRegistry);
    expect(metrics.trueMatches).toBe(3);
    expect(metrics.bands).toEqual({ AUTO_LINK: 3, REVIEW: 0, NEW_CHILD: 1 });
    for (const ratio of [metrics.autoLinkPrecision, metrics.autoLinkRecall, metrics.autoOrReviewPrecision, metrics.autoOrReviewRecall, metrics.blockingPairsCompleteness]) {
      expect(ratio.value).toBe(1);
    }
    expect(metrics.correctNewChildren).toBe(1);
    expect(metrics.falseAutoLinks).toBe(0);
    expect(metrics.falseNewChildren).toBe(0);
  });

  it("lower auto-link precision and recall by one false auto-link, as counted by hand", () => {
    // Four true matches; three linked to the right child, one to its sibling (entity 5 instead of 4).
    const metrics = computeLinkageMetrics([autoLink(1, 1), autoLink(2, 2), autoLink(3, 3), autoLink(4, 5, [4, 5])], inRegistry);
    expect(metrics.autoLinkPrecision).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(metrics.autoLinkRecall).toEqual({ numerator: 3, denominator: 4, value: 0.75 });
    expect(metrics.falseAutoLinks).toBe(1);
    expect(metrics.falseAutoLinksWithoutMatch).toBe(0);
    expect(metrics.blockingPairsCompleteness.value).toBe(1);
  });

  it("count linking a child not yet in the hub to someone else's file against precision but not recall", () => {
    const metrics = computeLinkageMetrics([autoLink(1, 1), autoLink(2, 2), autoLink(11, 3, [3])], inRegistry);
    expect(metrics.trueMatches).toBe(2);
    expect(metrics.autoLinkPrecision).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(metrics.autoLinkRecall.value).toBe(1);
    expect(metrics.falseAutoLinksWithoutMatch).toBe(1);
  });

  it("count a review offering the true child for auto + review, not for auto-link recall", () => {
    const metrics = computeLinkageMetrics([autoLink(1, 1), review(2, [2, 3]), review(4, [5, 6], [4, 5, 6])], inRegistry);
    expect(metrics.trueMatches).toBe(3);
    expect(metrics.autoLinkRecall).toEqual({ numerator: 1, denominator: 3, value: 1 / 3 });
    expect(metrics.autoLinkPrecision.value).toBe(1);
    expect(metrics.reviewsOfferingTrueChild).toBe(1);
    expect(metrics.autoOrReviewRecall).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(metrics.autoOrReviewPrecision).toEqual({ numerator: 2, denominator: 3, value: 2 / 3 });
    expect(metrics.meanReviewCandidates).toBe(2);
  });

  it("count a new child for a record whose child exists as a false new child that lowers recall", () => {
    const metrics = computeLinkageMetrics([autoLink(1, 1), newChild(2, [3])], inRegistry);
    expect(metrics.trueMatches).toBe(2);
    expect(metrics.falseNewChildren).toBe(1);
    expect(metrics.correctNewChildren).toBe(0);
    expect(metrics.autoLinkRecall.value).toBe(0.5);
    expect(metrics.autoOrReviewRecall.value).toBe(0.5);
    expect(metrics.autoLinkPrecision.value).toBe(1);
  });

  it("create a child only by a NEW_CHILD decision: a record after a review of the same new person is not a true match", () => {
    const metrics = computeLinkageMetrics([review(11, []), newChild(11), newChild(11), autoLink(11, 11)], inRegistry);
    expect(metrics.trueMatches).toBe(2);
    expect(metrics.correctNewChildren).toBe(1);
    expect(metrics.falseNewChildren).toBe(1);
    expect(metrics.correctAutoLinks).toBe(1);
    expect(metrics.autoOrReviewPrecision).toEqual({ numerator: 1, denominator: 2, value: 0.5 });
  });

  it("measure blocking pairs completeness over true matches only", () => {
    const metrics = computeLinkageMetrics(
      [review(1, [2], [2, 3]), newChild(2, []), autoLink(3, 3, [3]), newChild(11, [1, 2]), autoLink(11, 11, [11])],
      inRegistry,
    );
    expect(metrics.trueMatches).toBe(4);
    expect(metrics.blockingPairsCompleteness).toEqual({ numerator: 2, denominator: 4, value: 0.5 });
    expect(metrics.meanBlockedCandidates).toBe(6 / 5);
  });

  it("refuse a link or a review offer naming an entity with no child in the hub", () => {
    expect(() => computeLinkageMetrics([autoLink(11, 11)], inRegistry)).toThrow(RangeError);
    expect(() => computeLinkageMetrics([review(1, [1, 12])], inRegistry)).toThrow(RangeError);
    expect(() => computeLinkageMetrics([{ trueEntityId: 1, band: "AUTO_LINK", blockedCandidateEntityIds: [] }], inRegistry)).toThrow(RangeError);
  });

  it("are the same tallied one outcome at a time", () => {
    const outcomes = [autoLink(1, 1), review(2, [2]), newChild(11), autoLink(11, 11), autoLink(3, 4)];
    const tally = new LinkageTally(inRegistry);
    for (const outcome of outcomes) tally.record(outcome);
    expect(tally.metrics()).toEqual(computeLinkageMetrics(outcomes, inRegistry));
  });

  it("format as a table, with a dash where nothing was there to count", () => {
    const report = formatLinkageReport(computeLinkageMetrics([autoLink(1, 1), autoLink(2, 3), newChild(11)], inRegistry));
    expect(report).toContain("Linkage of 3 incoming records");
    expect(report).toMatch(/auto-link precision\s+50\.00%\s+1 \/ 2/);
    expect(report).toMatch(/NEW_CHILD\s+33\.33%\s+1 \/ 3/);
    expect(report).toMatch(/candidates per review\s+—/);
    expect(formatLinkageReport(computeLinkageMetrics([], inRegistry))).toMatch(/auto-link recall.*—\s+0 \/ 0/);
  });
});

describe("recall by the noise that struck each record", () => {
  it("says of each record how it went, and counts the true matches of each kind under every kind that struck them", () => {
    const tally = new LinkageTally(inRegistry);
    const byNoise = new RecallByNoise();
    const verdicts = [
      { outcome: autoLink(1, 1), noise: [] },
      { outcome: review(2, [2, 3]), noise: ["NAME_TYPO"] },
      { outcome: autoLink(3, 4, [3, 4]), noise: ["NAME_TYPO", "POSTCODE_MOVED"] },
      { outcome: newChild(5), noise: ["POSTCODE_MOVED"] },
      { outcome: newChild(11), noise: ["NAME_TYPO"] },
    ].map(({ outcome, noise }) => {
      const verdict = tally.record(outcome);
      byNoise.add(noise, verdict);
      return verdict;
    });
    expect(verdicts.map((verdict) => [verdict.trueMatch, verdict.correctAutoLink, verdict.found, verdict.blocked])).toEqual([
      [true, true, true, true],
      [true, false, true, true],
      [true, false, false, true],
      [true, false, false, false],
      [false, false, false, false],
    ]);
    const lines = byNoise.format(["NAME_TYPO", "POSTCODE_MOVED", "NICKNAME"]).split("\n");
    expect(lines[2]).toMatch(/^ {2}\(no noise\) +1 +100\.00% +100\.00% +100\.00%$/);
    // The record with no true match is not counted; the record with two kinds counts under both.
    expect(lines[3]).toMatch(/^ {2}NAME_TYPO +2 +0\.00% +50\.00% +100\.00%$/);
    expect(lines[4]).toMatch(/^ {2}POSTCODE_MOVED +2 +0\.00% +0\.00% +50\.00%$/);
    expect(lines).toHaveLength(5);
  });
});
