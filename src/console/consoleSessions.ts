import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { type Request, type Response } from "express";
import { LessThan, type DataSource } from "typeorm";
import { type ConsoleConfig } from "../config/config";
import { ConsoleSession, type ConsoleSessionState } from "./ConsoleSession";

/** `__Host-` cookies must have Path=/. */
const COOKIE_PATH = "/";

/** The session cookie's name: `__Host-` pins a secure cookie to this host (no Domain, no other site's subdomain may set it). */
function cookieName(config: ConsoleConfig): string {
  return config.secureCookie ? "__Host-hub-console" : "hub-console";
}

const digest = (value: string) => createHash("sha256").update(value).digest("hex");
const randomValue = () => randomBytes(32).toString("base64url");

/**
 * What a session holds (`ConsoleSessionState`) is stored sealed (AES-256-GCM) under a key derived from
 * the cookie's random value, which only the browser holds: the table (a backup, a read replica, someone
 * who can SELECT) neither opens a session (`id` is the value's digest) nor yields a token to replay
 * against /graphql, the children a person looked at or the reason they gave. The session's id is the
 * seal's additional data, so one session's sealed state copied into another's row does not open.
 */
const STATE_KEY_INFO = "hub console session state v1";
const stateKey = (value: string) => Buffer.from(hkdfSync("sha256", value, "", STATE_KEY_INFO, 32));

export function sealState(value: string, state: ConsoleSessionState): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", stateKey(value), iv);
  cipher.setAAD(Buffer.from(digest(value)));
  const { token, caller, access, handles } = state;
  const sealed = Buffer.concat([cipher.update(JSON.stringify({ token, caller, access, handles }), "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString("base64url");
}

/** The state sealed under this cookie value, or null when it was sealed under another or altered. */
export function openState(value: string, stored: string): ConsoleSessionState | null {
  const bytes = Buffer.from(stored, "base64url");
  if (bytes.length <= 28) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", stateKey(value), bytes.subarray(0, 12));
    decipher.setAAD(Buffer.from(digest(value)));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return JSON.parse(Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString("utf8")) as ConsoleSessionState;
  } catch {
    return null;
  }
}

/** The cookie value each open session was found or started by, to seal what it holds again when it changes; never stored. */
const cookieValues = new WeakMap<ConsoleSession, string>();

/**
 * The console's server-side sessions: created, found (idle and absolute limits enforced on every
 * read), touched, rotated at sign-in and ended. Cookie: `HttpOnly`, `SameSite=Lax`, `Secure` unless
 * plain-http development, no `Max-Age` (it dies with the browser; the server ends it sooner).
 */
export class ConsoleSessions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConsoleConfig,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private get repository() {
    return this.dataSource.getRepository(ConsoleSession);
  }

  /** The live session the request's cookie names, touched; null when there is none or it has expired (an expired one is deleted). */
  async find(req: Request): Promise<ConsoleSession | null> {
    const value = readCookie(req.get("cookie"), cookieName(this.config));
    if (value === undefined || !/^[A-Za-z0-9_-]{43}$/.test(value)) return null;
    const session = await this.repository.findOneBy({ id: digest(value) });
    if (session === null) return null;
    const now = this.now();
    const idleSince = new Date(now.getTime() - this.config.idleMinutes * 60_000);
    const state = openState(value, session.sealed);
    if (session.expiresAt <= now || session.lastSeenAt <= idleSince || state === null) {
      await this.repository.delete({ id: session.id });
      return null;
    }
    // Held open in memory for this request only; the row keeps it sealed.
    Object.assign(session, { token: state.token, caller: state.caller, access: state.access, handles: state.handles });
    cookieValues.set(session, value);
    session.lastSeenAt = now;
    await this.repository.update({ id: session.id }, { lastSeenAt: now });
    return session;
  }

  /**
   * A new session (before sign-in, or replacing one at sign-in so a value planted before it opens
   * nothing after), with its cookie set. Sessions past their limits are cleared on the way.
   */
  async start(res: Response, fields: Partial<Pick<ConsoleSession, "token" | "caller">> = {}, replacing?: ConsoleSession): Promise<ConsoleSession> {
    const now = this.now();
    if (replacing !== undefined) await this.repository.delete({ id: replacing.id });
    await this.repository.delete({ expiresAt: LessThan(now) });
    const value = randomValue();
    const state: ConsoleSessionState = { token: fields.token ?? null, caller: fields.caller ?? null, access: null, handles: {} };
    const session = this.repository.create({
      id: digest(value),
      csrfToken: randomValue(),
      sealed: sealState(value, state),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.config.maxHours * 3_600_000),
    });
    await this.repository.insert(session);
    Object.assign(session, state);
    cookieValues.set(session, value);
    res.cookie(cookieName(this.config), value, { httpOnly: true, secure: this.config.secureCookie, sameSite: "lax", path: COOKIE_PATH });
    return session;
  }

  /** Changes what the session holds, sealed again under its cookie's value. */
  async save(session: ConsoleSession, fields: Partial<Pick<ConsoleSessionState, "access" | "handles">>): Promise<void> {
    const value = cookieValues.get(session);
    if (value === undefined) throw new Error("A console session is saved only by the request that found or started it");
    Object.assign(session, fields);
    await this.repository.update({ id: session.id }, { sealed: sealState(value, session) });
  }

  /**
   * Ends a session for good, and says whether this call was the one that ended it: of two requests
   * racing to use what a session holds once (a sign-in's state), only one is told true.
   */
  async consume(session: ConsoleSession): Promise<boolean> {
    const result = await this.repository.delete({ id: session.id });
    return result.affected === 1;
  }

  async end(res: Response, session: ConsoleSession | null): Promise<void> {
    if (session !== null) await this.repository.delete({ id: session.id });
    res.clearCookie(cookieName(this.config), { httpOnly: true, secure: this.config.secureCookie, sameSite: "lax", path: COOKIE_PATH });
  }
}

/** The synchronizer token pattern: a form's `_csrf` must equal its session's token, compared in constant time. */
export function csrfTokenMatches(session: ConsoleSession | null, submitted: unknown): boolean {
  if (session === null || typeof submitted !== "string") return false;
  const expected = Buffer.from(session.csrfToken);
  const given = Buffer.from(submitted);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** An opaque id for a child in this session's URLs. */
export function newHandle(): string {
  return randomBytes(16).toString("base64url");
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}
