import { type Logger } from "../logging/logger";
import { type PolicySet } from "../policy/PolicySet";
import { type DevelopmentTokenClaims } from "../auth/developmentToken";
import { type ConsoleSessions } from "./consoleSessions";
import { type HubClient } from "./hubClient";

/**
 * How a person signs in. `development`: the demo-role picker, minting a development token (a hub whose
 * tokens are verified against its own development keys only; never production). `unavailable`: no
 * sign-in is offered — production's OpenID Connect is not wired yet, and nothing stands in for it.
 */
export type ConsoleSignIn = { kind: "development"; mint: (claims: DevelopmentTokenClaims) => Promise<string> } | { kind: "unavailable" };

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
