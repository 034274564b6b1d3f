import "./compileCache";
import { Command, InvalidArgumentError } from "commander";
import { ConfigError, loadConfig } from "../config/config";
import { loadOrCreateDevelopmentKeys } from "../auth/developmentKeys";
import { mintDevelopmentToken } from "../auth/developmentToken";
import { isRole, ROLES, type Role } from "../auth/Role";
import { ROLE_GUIDE, tokenCommand } from "../auth/roleGuide";
import { AGENCY_TYPES, isAgencyType } from "../directory/AgencyType";
import { isLocalAuthorityCode } from "../auth/localAuthorityCode";

/**
 * `npm run token -- --role MASH_PRACTITIONER --agency LA-E06000060 --agency-type CHILDRENS_SOCIAL_CARE --la E06000060`
 * prints a token signed with the development key, for trying the hub locally. It refuses to run
 * when the hub is configured with a real identity provider's JWKS.
 */
function role(value: string, previous: Role[] = []): Role[] {
  if (!isRole(value)) throw new InvalidArgumentError(`must be one of ${ROLES.join(", ")}`);
  return [...previous, value];
}

function agencyType(value: string): string {
  if (!isAgencyType(value)) throw new InvalidArgumentError(`must be one of ${AGENCY_TYPES.join(", ")}`);
  return value;
}

function localAuthority(value: string): string {
  if (!isLocalAuthorityCode(value)) throw new InvalidArgumentError("must be an ONS code such as E06000060");
  return value;
}

function ttl(value: string): string {
  if (!/^\d+[smhd]$/.test(value)) throw new InvalidArgumentError("must be a duration such as 30m, 8h or 1d");
  return value;
}

interface TokenOptions {
  role: Role[];
  agency: string;
  agencyType: string;
  la: string;
  sub?: string;
  name: string;
  team?: string;
  ttl: string;
}

/** The roles and agency types a token may carry, each role with a demo agency to try it at. */
function helpAfter(): string {
  const width = Math.max(...ROLE_GUIDE.map((guide) => guide.role.length));
  return [
    "",
    "Roles (--role), with a demo agency each works at:",
    ...ROLE_GUIDE.map((guide) => `  ${guide.role.padEnd(width)}  ${guide.summary}\n  ${" ".repeat(width)}  --agency ${guide.agency} --agency-type ${guide.agencyType} --la ${guide.localAuthority}`),
    "",
    `Agency types (--agency-type): ${AGENCY_TYPES.join(", ")}`,
    "",
    "Example:",
    `  ${tokenCommand(ROLE_GUIDE[0])}`,
  ].join("\n");
}

async function main(): Promise<void> {
  const program = new Command()
    .name("npm run token --")
    .description("Print a development bearer token for the hub.")
    .requiredOption("--role <role>", "a role (repeat for several)", role)
    .requiredOption("--agency <code>", "the agency's directory code, e.g. LA-E06000060")
    .requiredOption("--agency-type <type>", "the agency's type", agencyType)
    .requiredOption("--la <code>", "ONS code of the local authority the user works for", localAuthority)
    .option("--sub <id>", "the subject (user or system id)")
    .option("--name <name>", "the display name", "Development User")
    .option("--team <team>", "the user's team")
    .option("--ttl <duration>", "how long the token lasts (no longer than AUTH_MAX_TOKEN_LIFETIME_SECONDS, a day by default)", ttl, "8h")
    .addHelpText("after", helpAfter())
    .showHelpAfterError();
  program.parse();
  const options = program.opts<TokenOptions>();

  const config = loadConfig();
  if (config.auth.mode !== "development") {
    throw new Error("This hub verifies tokens against AUTH_JWKS_URL/AUTH_JWKS_FILE: get tokens from that identity provider.");
  }
  const keys = await loadOrCreateDevelopmentKeys(config.auth.keyDir);
  const token = await mintDevelopmentToken(keys, config.auth, {
    sub: options.sub ?? `dev-${options.role[0]?.toLowerCase() ?? "user"}`,
    name: options.name,
    agency: options.agency,
    agencyType: options.agencyType,
    roles: options.role,
    localAuthority: options.la,
    ...(options.team ? { team: options.team } : {}),
  }, options.ttl);
  process.stdout.write(`${token}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError || error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
