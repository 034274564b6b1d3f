import { Column, Entity, Index, PrimaryColumn } from "typeorm";
import { type AccessContext } from "../policy/AccessContext";
import { type Principal } from "../auth/Principal";
import { type AgencyType } from "../directory/AgencyType";
import { type Role } from "../auth/Role";

/** Whom the session's token speaks for, as the hub's `me` answered it at sign-in. `name` is a person's name: never log it. */
export interface ConsoleCaller {
  sub: string;
  name: string;
  agency: string;
  agencyType: string;
  roles: string[];
  localAuthority: string;
}

/** The caller as a principal, for the policy's pure rules the console shows a person before the hub judges them again. */
export function principalOf(caller: ConsoleCaller): Principal {
  return {
    sub: caller.sub, name: caller.name, agency: caller.agency, agencyType: caller.agencyType as AgencyType, roles: caller.roles as Role[],
    localAuthority: caller.localAuthority, team: null, tokenId: null,
  };
}

/** What a session holds about its person and their work: sealed in the table, open only in memory while a request is served. */
export interface ConsoleSessionState {
  /** The signed-in user's bearer token: every read the console makes is made with it. Null before sign-in. */
  token: string | null;
  caller: ConsoleCaller | null;
  /** The answer to "Why are you looking?", carried into every read until the user changes it. */
  access: AccessContext | null;
  /**
   * The opaque ids the console's URLs carry, mapped to what they stand for (a child's SUI, a review, a
   * list's filter and cursor), and a pending sign-in's state, nonce and PKCE verifier.
   */
  handles: Record<string, string>;
}

/**
 * One person's console session, held server-side so that any hub process serves their next request.
 * The cookie carries only a random value; `id` is its SHA-256, so the table alone opens no session.
 * Everything the session holds about its person and their work (`ConsoleSessionState`: the bearer
 * token, who they are, why they are looking — a justification may name a child — and the handles that
 * stand for children's SUIs in URLs) is one column, `sealed`, sealed (AES-256-GCM) under a key derived
 * from the cookie's value, which only the browser holds (`consoleSessions.ts`): a backup, a read replica
 * or someone who can SELECT reads no token to replay, no child looked at and no reason given. A child's
 * NHS number never appears in a URL, a browser's history or a proxy's log either.
 */
@Entity("console_session")
@Index("IDX_console_session_expires_at", ["expiresAt"])
export class ConsoleSession implements ConsoleSessionState {
  @PrimaryColumn({ type: "char", length: 64 })
  id: string;

  /** Before sign-in a session holds only its CSRF token (the sign-in form is protected too). */
  @Column({ type: "varchar", length: 64 })
  csrfToken: string;

  /** `ConsoleSessionState`, sealed: the only form it takes in the table. */
  @Column({ type: "text" })
  sealed: string;

  @Column({ type: "timestamptz" })
  createdAt: Date;

  /** The idle timeout counts from here. */
  @Column({ type: "timestamptz" })
  lastSeenAt: Date;

  /** The absolute lifetime: no activity keeps a session past this. */
  @Column({ type: "timestamptz" })
  expiresAt: Date;

  // Not columns: opened from `sealed` when the session is found, for the request being served.
  token: string | null = null;
  caller: ConsoleCaller | null = null;
  access: AccessContext | null = null;
  handles: Record<string, string> = {};
}
