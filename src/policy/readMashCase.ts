import { ROLES } from "../auth/Role";
import { REFERRAL_STAGES, type ReferralStage } from "../referrals/ReferralStage";
import { TIMESCALE_IDS } from "../timescales/TimescaleId";
import { type MashCaseRule, type ReferralWindow } from "./PolicySet";
import { ruleBase } from "./ruleBase";
import { type YamlNode } from "./YamlNode";

/** Reads `mashCase:` (policies/relationships.yaml): each referral stage's window, by timescale, once. */
export function readMashCase(node: YamlNode): MashCaseRule {
  const map = node.map(["id", "description", "windows"]);
  const windows = new Map<ReferralStage, ReferralWindow>();
  for (const item of map.required("windows").list()) {
    const window = item.map(["stage", "timescale", "graceWorkingDays", "openedInHubBy"], ["throughExtension"]);
    const stage = window.required("stage").oneOf(REFERRAL_STAGES, "referral stage");
    if (windows.has(stage)) window.required("stage").fail(`stage ${stage} already has a window`);
    windows.set(stage, {
      stage,
      timescale: window.required("timescale").oneOf(TIMESCALE_IDS, "timescale"),
      graceWorkingDays: window.required("graceWorkingDays").integer(0),
      throughExtension: window.optional("throughExtension")?.boolean() ?? false,
      openedInHubBy: window.required("openedInHubBy").listOf(ROLES, "role", { allowEmpty: true }),
    });
  }
  const missing = REFERRAL_STAGES.filter((stage) => !windows.has(stage));
  if (missing.length > 0) map.required("windows").fail(`no window for referral stage(s) ${missing.join(", ")}: every stage must say how long it keeps research open`);
  return { ...ruleBase(node, map), windows };
}
