import { createHash } from "node:crypto";
import fs from "node:fs";
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
import { when } from "./londonTime";
import { type ConsoleCaller } from "./ConsoleSession";

/** The project's root: the console's templates and assets are read from `src/console/` whether the hub runs from `src/` or `dist/`. */
const ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../../.." : "../..");
const GOVUK_FRONTEND = path.dirname(require.resolve("govuk-frontend/package.json"));
const VIEWS = path.join(ROOT, "src", "console", "views");
const OWN_ASSETS = path.join(ROOT, "src", "console", "assets");
/**
 * govuk-frontend's page template writes one inline script: it marks the body `js-enabled` (and
 * `govuk-frontend-supported`) before the page is painted, so enhanced components do not flash. The
 * Content-Security-Policy allows exactly that script by its hash, taken from the installed template, and no
 * other inline script; a govuk-frontend whose snippet changes brings its own hash.
 */
export const GOVUK_INLINE_SCRIPT = inlineScriptHash(fs.readFileSync(path.join(GOVUK_FRONTEND, "dist", "govuk", "template.njk"), "utf8"));

/** The CSP source (`'sha256-…'`) of a template's one inline script; throws when it has none, so a changed template is noticed at start-up. */
export function inlineScriptHash(template: string): string {
  const script = /<script[^>]*>([^<]+)<\/script>/.exec(template)?.[1];
  if (script === undefined) throw new Error("govuk-frontend's template.njk has no inline script: review the console's Content-Security-Policy for this version");
  return `'sha256-${createHash("sha256").update(script, "utf8").digest("base64")}'`;
}

/**
 * govuk-frontend's built stylesheet asks for its fonts and images at `/assets/` (its default
 * `$govuk-assets-path`); the console serves them under `/console/assets/govuk/assets/`. The stylesheet is
 * served with those addresses pointing there, read once: otherwise every page asks for five files the hub
 * does not have, and its text falls back to another font.
 */
const GOVUK_CSS = fs.readFileSync(path.join(GOVUK_FRONTEND, "dist", "govuk", "govuk-frontend.min.css"), "utf8").replaceAll("url(/assets/", "url(/console/assets/govuk/assets/");

/** A year, immutable: a new govuk-frontend version is a new deployment, and its files keep their names only within one. */
const LONG_CACHE = { maxAge: "365d", immutable: true, index: false, fallthrough: false } as const;

/**
 * The console under `/console`: server-rendered GOV.UK pages (nunjucks, govuk-frontend's macros) that
 * work without JavaScript, behind a strict Content-Security-Policy — scripts only from the hub itself
 * and govuk-frontend's one inline snippet by its hash, no inline style, no framing, forms posting only
 * back here.
 */
export function createConsole(deps: ConsoleDependencies): Router {
  const views = nunjucks.configure([VIEWS, path.join(GOVUK_FRONTEND, "dist")], { autoescape: true, throwOnUndefined: false, noCache: false });
  views.addFilter("londonTime", when);
  const router = Router();
  router.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          "default-src": ["'none'"], "script-src": ["'self'", GOVUK_INLINE_SCRIPT], "style-src": ["'self'"], "img-src": ["'self'"], "font-src": ["'self'"],
          "connect-src": ["'self'"], "manifest-src": ["'self'"], "form-action": ["'self'"], "frame-ancestors": ["'none'"], "base-uri": ["'none'"],
        },
      },
      strictTransportSecurity: false,
      referrerPolicy: { policy: "no-referrer" },
    }),
  );
  router.get("/assets/govuk/govuk-frontend.min.css", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=31536000, immutable");
    res.type("css").send(GOVUK_CSS);
  });
  router.use("/assets/govuk", express.static(path.join(GOVUK_FRONTEND, "dist", "govuk"), LONG_CACHE));
  router.use("/assets/console", express.static(OWN_ASSETS, { ...LONG_CACHE, maxAge: "1h", immutable: false }));
  router.use((req, res, next) => {
    // Pages carry personal data: no shared or browser cache may keep them.
    res.setHeader("Cache-Control", "no-store");
    if (deps.isStarting()) {
      res.status(503).setHeader("Retry-After", "2");
      res.send(views.render("problem.njk", pageLocals(null, { title: "The hub is starting", message: "Try again in a moment." })));
      return;
    }
    res.render = (name: string, locals?: object) => {
      const caller = (locals as { caller?: ConsoleCaller | null } | undefined)?.caller;
      res.type("html").send(views.render(name, { navigation: navigationOf(deps.policy, caller, req.originalUrl.split("?")[0]), ...locals }));
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
  // The accessibility statement the public sector bodies' accessibility regulations require, linked from every page's footer; open to anyone.
  router.get("/accessibility", (_req, res) => res.render("accessibility.njk", pageLocals(null)));
  router.use((_req, res) => {
    res.status(404).render("problem.njk", pageLocals(null, { title: "Page not found", message: "Check the address, or start again from the search." }));
  });
  return router;
}
