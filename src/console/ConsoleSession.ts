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

/**
 * One person's console session, held server-side so that any hub process serves their next request.
 * The cookie carries only a random value; `id` is its SHA-256, so the table alone opens no session.
 * Before sign-in a session holds only its CSRF token (the sign-in form is protected too). `handles`
 * maps the opaque ids the console's URLs carry to the SUIs they stand for: a child's NHS number never
 * appears in a URL, a browser's history or a proxy's log.
 */
@Entity("console_session")
@Index("IDX_console_session_expires_at", ["expiresAt"])
export class ConsoleSession {
  @PrimaryColumn({ type: "char", length: 64 })
  id: string;

  @Column({ type: "varchar", length: 64 })
  csrfToken: string;

  /**
   * The signed-in user's bearer token, every read the console makes is made with it: stored sealed under a
   * key derived from the cookie's value (`consoleSessions.ts`), open only in memory while a request is
   * served. Null before sign-in.
   */
  @Column({ type: "text", nullable: true })
  token: string | null;

  @Column({ type: "jsonb", nullable: true })
  caller: ConsoleCaller | null;

  /** The answer to "Why are you looking?", carried into every read until the user changes it. */
  @Column({ type: "jsonb", nullable: true })
  access: AccessContext | null;

  @Column({ type: "jsonb", default: {} })
  handles: Record<string, string>;

  @Column({ type: "timestamptz" })
  createdAt: Date;

  /** The idle timeout counts from here. */
  @Column({ type: "timestamptz" })
  lastSeenAt: Date;

  /** The absolute lifetime: no activity keeps a session past this. */
  @Column({ type: "timestamptz" })
  expiresAt: Date;
}
