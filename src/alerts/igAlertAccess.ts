import { AbilityBuilder, createMongoAbility, type MongoAbility } from "@casl/ability";
import { Role } from "../auth/Role";
import { type Principal } from "../auth/Principal";
import { ErrorCode, HubError } from "../errors/HubError";

type AlertAbility = MongoAbility<["review", "IgAlert"]>;

/** Only information governance leads review break-glass alerts. */
export function requireAlertReviewer(principal: Principal): void {
  const { can, build } = new AbilityBuilder<AlertAbility>(createMongoAbility);
  if (principal.roles.includes(Role.IG_LEAD)) can("review", "IgAlert");
  if (!build().can("review", "IgAlert")) throw new HubError(ErrorCode.FORBIDDEN, "Only an information governance lead (IG_LEAD) may review IG alerts.");
}
