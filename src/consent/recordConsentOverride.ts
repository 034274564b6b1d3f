import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { ErrorCode, HubError } from "../errors/HubError";
import { type Principal } from "../auth/Principal";
import { type PolicySet } from "../policy/PolicySet";
import { findChildInCare } from "../disclosure/findChildInCare";
import { recordDecision } from "../audit/recordDecision";
import { AuditOperation } from "../audit/AuditOperation";
import { ConsentOverride } from "./ConsentOverride";
import { consentAbility } from "./consentPolicy";
import { recordsHeldAbout } from "./recordsHeldAbout";

/** A safeguarding override is reviewed at the latest after this long. */
const MAX_OVERRIDE_DAYS = 90;
const MIN_REASON_LENGTH = 20;

export interface ConsentOverrideReceipt {
  overrideId: string;
  recordedAt: Date;
  reviewBy: Date;
}

/**
 * A CSC manager records that the child's information will be shared for safeguarding without consent,
 * and why (DOMAIN rule 3, scenario 6). Audited (CONSENT_OVERRIDE); disclosures made while it is in
 * force name it on their audit entries.
 */
export async function recordConsentOverride(
  dataSource: DataSource,
  principal: Principal,
  requestId: string,
  policy: PolicySet,
  rawSui: string,
  reason: string,
  reviewBy: Date | null,
  now = new Date(),
): Promise<ConsentOverrideReceipt> {
  if (!consentAbility(principal).can("record", "ConsentOverride")) {
    throw new HubError(ErrorCode.FORBIDDEN, "Only a children's social care manager (CSC_MANAGER) may authorise sharing without consent.");
  }
  if (reason.trim().length < MIN_REASON_LENGTH) {
    throw new HubError(ErrorCode.INVALID_INPUT, `Give the safeguarding reason for overriding consent (at least ${MIN_REASON_LENGTH} characters).`, { path: "reason" });
  }
  const latest = new Date(now.getTime() + MAX_OVERRIDE_DAYS * 86_400_000);
  const review = reviewBy ?? latest;
  if (review <= now || review > latest) {
    throw new HubError(ErrorCode.INVALID_INPUT, `reviewBy must be in the future and at most ${MAX_OVERRIDE_DAYS} days away.`, { path: "reviewBy" });
  }
  const { child } = await findChildInCare(dataSource, principal, rawSui, policy);
  // What the override rests on, when the manager's agency holds records about the child: split off as another child's, they take it with them.
  const recordedThrough = (await recordsHeldAbout(dataSource, child.id, principal.agency)).map((record) => record.id);
  const override = { id: randomUUID(), child, reason: reason.trim(), authorisedBySub: principal.sub, authorisedByAgency: principal.agency, reviewBy: review, recordedThrough };
  // On the trail before it lets anything be shared without consent.
  const receipt = await recordDecision(dataSource, {
    requestId,
    principal,
    operation: AuditOperation.CONSENT_OVERRIDE,
    childSui: child.sui ?? "",
    policyVersion: policy.version,
    details: { overrideId: override.id, reason: override.reason, reviewBy: review.toISOString() },
  });
  await dataSource.getRepository(ConsentOverride).insert(override);
  return { overrideId: override.id, recordedAt: receipt.occurredAt, reviewBy: review };
}
