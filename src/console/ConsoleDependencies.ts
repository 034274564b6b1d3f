import { type Logger } from "../logging/logger";
import { type PolicySet } from "../policy/PolicySet";
import { type DevelopmentTokenClaims } from "../auth/developmentToken";
import { type ConsoleSessions } from "./consoleSessions";
import { type HubClient } from "./hubClient";
import { type OpenIdSignIn } from "./openIdConnect";

/**
 * How a person signs in. `openid-connect`: through the configured identity provider (`CONSOLE_OIDC_*`).
 * `development`: the demo-role picker, minting a development token (a hub whose tokens are verified
 * against its own development keys only; never production). `unavailable`: no sign-in is offered —
 * no provider is configured, and nothing stands in for one.
 */
export type ConsoleSignIn =
  | { kind: "openid-connect"; provider: OpenIdSignIn }
  | { kind: "development"; mint: (claims: DevelopmentTokenClaims) => Promise<string> }
  | { kind: "unavailable" };

export interface ConsoleDependencies {
  hub: HubClient;
  sessions: ConsoleSessions;
  signIn: ConsoleSignIn;
  /** The policy's access-context rules, to tell a person at once what the hub would refuse; the hub judges every read again. */
  policy: PolicySet;
  logger: Logger;
  /** False while the hub starts: pages answer 503 as `/graphql` does. */
  isStarting: () => boolean;
}
