import path from "node:path";
import express, { Router } from "express";
import helmet from "helmet";
import nunjucks from "nunjucks";
import { type ConsoleDependencies } from "./ConsoleDependencies";
import { pageLocals } from "./consolePage";
import { signInPages } from "./signInPages";
import { openIdConnectPages } from "./openIdConnectPages";
import { purposePages } from "./purposePages";
import { searchPages } from "./searchPages";
import { childPages } from "./childPages";
import { igPages } from "./igPages";
import { stewardPages } from "./stewardPages";
import { inboxPages } from "./inboxPages";
import { navigationOf } from "./consoleNavigation";
import { type ConsoleCaller } from "./ConsoleSession";

/** The project's root: the console's templates and assets are read from `src/console/` whether the hub runs from `src/` or `dist/`. */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
const GOVUK_FRONTEND = path.dirname(require.resolve("govuk-frontend/package.json"));
const VIEWS = path.join(ROOT, "src", "console", "views");
const OWN_ASSETS = path.join(ROOT, "src", "console", "assets");
/** A year, immutable: a new govuk-frontend version is a new deployment, and its files keep their names only within one. */
const LONG_CACHE = { maxAge: "365d", immutable: true, index: false, fallthrough: false } as const;

/**
 * The console under `/console`: server-rendered GOV.UK pages (nunjucks, govuk-frontend's macros) that
 * work without JavaScript, behind a strict Content-Security-Policy — scripts only from the hub itself,
 * no inline script or style, no framing, forms posting only back here.
 */
export function createConsole(deps: ConsoleDependencies): Router {
  const views = nunjucks.configure([VIEWS, path.join(GOVUK_FRONTEND, "dist")], { autoescape: true, throwOnUndefined: false, noCache: false });
  const router = Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'none'"], "script-src": ["'self'"], "style-src": ["'self'"], "img-src": ["'self'"], "font-src": ["'self'"],
          "connect-src": ["'self'"], "manifest-src": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"],
        },
      },
      strictTransportSecurity: false,
      referrerPolicy: { policy: "no-referrer" },
    }),
  );
  router.use("/assets/govuk", express.static(path.join(GOVUK_FRONTEND, "dist", "govuk"), LONG_CACHE));
  router.use("/assets/console", express.static(OWN_ASSETS, { ...LONG_CACHE, maxAge: "1h", immutable: false }));
  router.use((_req, res, next) => {
    // Pages carry personal data: no shared or browser cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    if (deps.isStarting()) {
      res.status(503).setHeader("Retry-After", "2");
      res.send(views.render("problem.njk", pageLocals(null, { title: "The hub is starting", message: "Try again in a moment." })));
      return;
    }
    res.render = (name: string, locals?: object) => {
      const caller = (locals as { caller?: ConsoleCaller | null } | undefined)?.caller;
      res.type("html").send(views.render(name, { navigation: navigationOf(deps.policy, caller), ...locals }));
    };
    next();
  });
  router.use(express.urlencoded({ extended: false, limit: "20kb", parameterLimit: 50 }));
  router.get("/", (_req, res) => res.redirect(303, "/console/search"));
  router.use(openIdConnectPages(deps));
  router.use(signInPages(deps));
  router.use(purposePages(deps));
  router.use(searchPages(deps));
  router.use(childPages(deps));
  router.use(igPages(deps));
  router.use(stewardPages(deps));
  router.use(inboxPages(deps));
  router.use((_req, res) => {
    res.status(404).render("problem.njk", pageLocals(null, { title: "Page not found", message: "Check the address, or start again from the search." }));
  });
  return router;
}
