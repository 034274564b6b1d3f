import { randomBytes } from "node:crypto";
import { Router, type Request, type Response } from "express";
import { ROLE_GUIDE } from "../auth/roleGuide";
import { isRole, Role } from "../auth/Role";
import { isLocalAuthorityCode } from "../auth/localAuthorityCode";
import { AGENCY_TYPES, isAgencyType } from "../directory/AgencyType";
import { isAgencyCode } from "../directory/agencyCode";
import { type AgencyStandingProblem } from "../directory/agencyStanding";
import { ROLE_NOT_HELD_BY_AGENCY } from "../http/hubContext";
import { rolesNotHeld } from "../policy/rolesHeld";
import { type ConsoleCaller } from "./ConsoleSession";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { csrfTokenMatches } from "./consoleSessions";
import { WHO_AM_I } from "./consoleOperations";
import { field, pageLocals, refuseForm, type FieldError } from "./consolePage";
import { signedOutAddress } from "./openIdConnectPages";

/** The directory's refusals of a demo sign-in (`directory/agencyStanding.ts`, `http/hubContext.ts`), each beside the field whose claim it refused. */
const DIRECTORY_REFUSAL = {
  AGENCY_NOT_IN_DIRECTORY: { field: "agency", text: "The hub's directory holds no agency with this code: enter one it holds, like LA-E06000060" },
  AGENCY_NOT_ACTIVE: { field: "agency", text: "This agency is no longer active in the hub's directory: choose another" },
  AGENCY_TYPE_MISMATCH: { field: "agencyType", text: "The hub's directory holds this agency as another type: select the type it holds" },
  AGENCY_AREA_MISMATCH: { field: "la", text: "The hub's directory does not hold this agency as serving this local authority: enter one it serves" },
  [ROLE_NOT_HELD_BY_AGENCY]: { field: "role", text: "Your agency's type cannot hold this role: choose a role it holds" },
} satisfies Record<AgencyStandingProblem | typeof ROLE_NOT_HELD_BY_AGENCY, FieldError>;

/** People sign in; an agency's case system (AGENCY_SYSTEM) has no console. */
const PEOPLE = ROLE_GUIDE.filter((guide) => guide.role !== Role.AGENCY_SYSTEM);

/**
 * Sign-in and sign-out. In development a new user picks a demo role and agency and the console mints a
 * development token for them, exactly as `npm run token` does; the hub then verifies that token on
 * every read. Elsewhere the page says sign-in is not available: nothing signs anyone in without an
 * identity provider.
 */
export function signInPages(deps: ConsoleDependencies): Router {
  const router = Router();

  router.get("/sign-in", async (req, res) => {
    if (deps.signIn.kind !== "development") {
      signInUnavailable(res);
      return;
    }
    // A session before sign-in holds the form's CSRF token; signing in replaces it with a new one.
    const session = (await deps.sessions.find(req)) ?? (await deps.sessions.start(res));
    res.render("sign-in.njk", pageLocals(session, { roles: PEOPLE, agencyTypes: AGENCY_TYPES, values: { role: PEOPLE[0]?.role, agency: PEOPLE[0]?.agency, agencyType: PEOPLE[0]?.agencyType, la: PEOPLE[0]?.localAuthority }, errors: [] }));
  });

  router.post("/sign-in", async (req: Request, res: Response) => {
    if (deps.signIn.kind !== "development") {
      signInUnavailable(res);
      return;
    }
    const session = await deps.sessions.find(req);
    if (!csrfTokenMatches(session, (req.body as Record<string, unknown> | undefined)?._csrf)) {
      refuseForm(res);
      return;
    }
    const values = { role: field(req.body, "role", 40), agency: field(req.body, "agency", 40), agencyType: field(req.body, "agencyType", 40), la: field(req.body, "la", 9), name: field(req.body, "name", 100) };
    const errors: FieldError[] = [];
    if (!isRole(values.role) || values.role === Role.AGENCY_SYSTEM) errors.push({ field: "role", text: "Select your role" });
    if (!isAgencyCode(values.agency)) errors.push({ field: "agency", text: "Enter your agency's directory code, like LA-E06000060" });
    if (!isAgencyType(values.agencyType)) errors.push({ field: "agencyType", text: "Select your agency's type" });
    if (!isLocalAuthorityCode(values.la)) errors.push({ field: "la", text: "Enter the ONS code of the local authority you work for, like E06000060" });
    if (values.name.length < 2) errors.push({ field: "name", text: "Enter your name" });
    const again = (status: number, problems: FieldError[]) =>
      res.status(status).render("sign-in.njk", pageLocals(session, { roles: PEOPLE, agencyTypes: AGENCY_TYPES, values, errors: problems }));
    // The rule the hub's gate holds every token to (policies/roles.yaml): a role its agency's type can hold.
    if (isRole(values.role) && isAgencyType(values.agencyType) && rolesNotHeld(deps.policy, { agencyType: values.agencyType, roles: [values.role] }).length > 0) {
      errors.push({ field: "role", text: `Staff of a ${values.agencyType} agency cannot hold ${values.role}: choose a role your agency's type holds` });
    }
    if (errors.length > 0 || !isRole(values.role)) {
      again(400, errors);
      return;
    }
    // The subject is random, never the name: principals' subjects are logged.
    const token = await deps.signIn.mint({ sub: `dev-user-${randomBytes(6).toString("hex")}`, name: values.name, agency: values.agency, agencyType: values.agencyType, roles: [values.role], localAuthority: values.la });
    const answer = await deps.hub<{ me: ConsoleCaller }>(token, String(res.locals.requestId), WHO_AM_I, {});
    if (answer.data === null) {
      // The hub's gate held the token to its directory (directory/agencyStanding.ts): the answer names the claim it refused.
      const refusal = answer.errors[0];
      const directory = refusal?.problem !== undefined && Object.hasOwn(DIRECTORY_REFUSAL, refusal.problem) ? DIRECTORY_REFUSAL[refusal.problem as keyof typeof DIRECTORY_REFUSAL] : undefined;
      again(directory !== undefined ? 400 : 403, [directory ?? { field: "agency", text: refusal?.message ?? "The hub refused this sign-in" }]);
      return;
    }
    await deps.sessions.start(res, { token, caller: answer.data.me }, session ?? undefined);
    res.redirect(303, "/console/purpose");
  });

  router.post("/sign-out", async (req, res) => {
    const session = await deps.sessions.find(req);
    if (!csrfTokenMatches(session, (req.body as Record<string, unknown> | undefined)?._csrf)) {
      refuseForm(res);
      return;
    }
    await deps.sessions.end(res, session);
    // With an identity provider, its session ends too when it offers RP-initiated logout.
    res.redirect(303, deps.signIn.kind === "openid-connect" ? await signedOutAddress(deps.signIn.provider) : "/console/sign-in");
  });

  return router;
}

/** No identity provider is wired for the console: nobody is signed in, and the page says so (503). */
function signInUnavailable(res: Response): void {
  res.status(503).render("problem.njk", pageLocals(null, { title: "Sign-in is not available", message: "This hub has no identity provider configured for the console (OpenID Connect). Ask your administrator." }));
}
