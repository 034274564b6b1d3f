import { type AccessContext } from "../policy/AccessContext";
import { type Disclosure, type Withholding } from "../policy/DisclosureDecision";
import { type DataSubjectRightsRule } from "./DataSubjectRightsPolicy";
import { type ProcessingRestriction, type RecordRights } from "./RecordRights";
import { type RestrictionGround, type RestrictionKind } from "./RightsVocabulary";
import { coveredBy } from "./rightsTargets";

/** A supplementary statement as a recipient reads it, beside the fact it is about. */
export interface SupplementaryStatementView {
  /** The record (`police[<id>]`) or fact (`police[<id>].summary`) the statement is about. */
  path: string;
  statement: string;
  agencyCode: string;
  attachedAt: Date;
}

/** A restriction a recipient must know of: the fact was disclosed, but is restricted (Art 18(2)). */
export interface RestrictionView {
  path: string;
  kind: RestrictionKind;
  ground: RestrictionGround;
  since: Date;
}

export interface RightsApplied {
  decision: Disclosure;
  statements: SupplementaryStatementView[];
  restrictions: RestrictionView[];
  /** For the audit entry: the statements that went out. */
  statementIds: string[];
}

/**
 * Applies data subjects' rights to what the policy decided for one disclosure, after the policy and
 * before the response. A restricted fact is withheld unless the purpose stated is one its restriction
 * allows or the caller broke glass (a safeguarding emergency always proceeds); where it goes out, the
 * recipient is told it is restricted. A statement goes out only beside what it is about: a statement on
 * a fact the caller does not see (withheld, sealed, brokered, restricted) is not shown, nor is a
 * restriction on one — either would tell of content the caller may not have. A restriction of a brokered
 * record as a whole withholds its restricted-involvement signal for a purpose it does not allow (break-glass
 * always gets it); the recipient is never told of the restriction, which would tell of the record.
 *
 * `paths` maps each record id to its path (`police[<id>]`).
 */
export function applyRecordRights(rule: DataSubjectRightsRule, access: AccessContext, rights: RecordRights, paths: ReadonlyMap<string, string>, decided: Disclosure): RightsApplied {
  const targetOf = (entry: { recordId: string; field: string | null }): string | null => {
    const record = paths.get(entry.recordId);
    if (record === undefined) return null;
    return entry.field === null ? record : `${record}.${entry.field}`;
  };
  const withheld: Withholding[] = [];
  const restrictions: RestrictionView[] = [];
  let disclosed = decided.disclosed;
  let brokered = decided.brokered;
  const sealed = [...decided.sealed];
  for (const restriction of rights.restrictions) {
    const target = targetOf(restriction);
    if (target === null) continue;
    // A brokered record's one fact is its restricted-involvement signal (design §2.5): a restriction or
    // objection over the whole record holds it back for a purpose it does not allow, as it holds back
    // every other record's facts. Withheld, it leaves no trace in the view (nothing in `redactions` would
    // tell of the record); the trail keeps why.
    if (restriction.field === null && brokered.some((record) => record.path === target)) {
      if (allows(restriction, access)) continue;
      brokered = brokered.filter((record) => record.path !== target);
      sealed.push(target);
      withheld.push({ path: target, rule: rule.id, reason: reasonFor(restriction) });
      continue;
    }
    const covered = disclosed.filter((path) => coveredBy(path, target));
    if (covered.length === 0) continue;
    if (allows(restriction, access)) {
      restrictions.push({ path: target, kind: restriction.kind, ground: restriction.ground, since: restriction.restrictedAt });
    } else {
      disclosed = disclosed.filter((path) => !coveredBy(path, target));
      withheld.push(...covered.map((path) => ({ path, rule: rule.id, reason: reasonFor(restriction) })));
    }
  }
  const statements = rights.statements.flatMap((statement) => {
    const target = targetOf(statement);
    if (target === null || !disclosed.some((path) => coveredBy(path, target))) return [];
    return [{ id: statement.id, view: { path: target, statement: statement.statement, agencyCode: statement.agencyCode, attachedAt: statement.attachedAt } }];
  });
  return {
    decision: { ...decided, disclosed, withheld: [...decided.withheld, ...withheld], brokered, sealed },
    statements: statements.map(({ view }) => view),
    restrictions,
    statementIds: statements.map(({ id }) => id),
  };
}

function allows(restriction: ProcessingRestriction, access: AccessContext): boolean {
  return access.breakGlass || restriction.allowedPurposes.includes(access.purpose);
}

function reasonFor(restriction: ProcessingRestriction): string {
  return restriction.kind === "OBJECTION"
    ? "processing restricted while an objection is decided (UK GDPR Arts 18(1)(d), 21): not disclosed for this purpose"
    : "processing restricted (UK GDPR Art 18) pending a dispute: not disclosed for this purpose";
}
