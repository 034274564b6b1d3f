import fs from "node:fs";
import path from "node:path";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * The console in a real browser (`npm run test:browser`): Debian's Chromium, driven by playwright-core —
 * never a browser a tool downloads. A browser test never skips: without Chromium it fails, saying how
 * to install it.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Chromium at ${CHROMIUM}. Install Debian's: sudo apt-get install -y chromium ` +
        "(or set CHROMIUM_PATH to a Chromium binary). Never a downloaded browser (npx playwright install). A browser test never skips.",
    );
  }
  // Without the background-networking flags Chromium keeps calling Google's hosts, refused on a closed network.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-quic", "--disable-sync"],
  });
}

// What page.evaluate runs is in the browser: the project's TypeScript has no DOM library, so what it touches is declared here.
declare const document: any;
declare const window: any;
type Element = { tagName: string; id: string; className: string; getBoundingClientRect(): { x: number; y: number; width: number; height: number; right: number } };

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: the public sector bodies' accessibility regulations ask for 2.2 AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Where `UPDATE_SCREENSHOTS=1 npm run test:browser` writes the screenshots the README shows. */
const SCREENSHOTS = path.resolve(__dirname, "../../docs/screenshots");

/** What a page wrote to the browser's console as an error, or threw: a script or style the CSP blocked, a missing asset, a failing script. */
const problems = new WeakMap<Page, string[]>();

/**
 * A new tab in a browser context of its own (its own cookies: a person of their own), whose console errors
 * and uncaught exceptions are kept for `checkPage` to find none. `page.context().close()` ends it.
 */
export async function newWatchedPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  const seen: string[] = [];
  problems.set(page, seen);
  page.on("console", (message) => {
    if (message.type() === "error") seen.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on("pageerror", (error) => seen.push(`uncaught: ${error.message}`));
  return page;
}

/**
 * What every page a journey visits must pass, in the browser:
 * - nothing blocked or thrown: no console error (a script or style refused by the Content-Security-Policy
 *   reports one), and govuk-frontend's own inline snippet ran (`js-enabled`, allowed by its hash);
 * - axe-core with the WCAG 2.2 AA tags: no serious or critical violation (target size, WCAG 2.5.8, among them);
 * - every form control and button at least 24×24 CSS pixels (WCAG 2.5.8), whatever axe's exceptions;
 * - reflow at 320 CSS pixels wide with no horizontal scrolling (WCAG 1.4.10).
 * `screenshot` names the PNG written under docs/screenshots/ when UPDATE_SCREENSHOTS=1: the window's
 * view, scrolled to `from` (a selector) when given.
 */
export async function checkPage(page: Page, label: string, options: { screenshot?: string; from?: string } = {}): Promise<void> {
  await page.waitForLoadState("load");
  const seen = problems.get(page) ?? [];
  expect({ page: label, problems: [...seen] }).toEqual({ page: label, problems: [] });
  seen.length = 0;
  expect(await page.evaluate(() => document.body.classList.contains("js-enabled") && document.body.classList.contains("govuk-frontend-supported"))).toBe(true);

  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
  expect({ page: label, serious }).toEqual({ page: label, serious: [] });
  // The target-size rule is among those run: a change of tags must not drop it unnoticed.
  expect([...results.passes, ...results.incomplete, ...results.inapplicable].map((rule) => rule.id)).toContain("target-size");

  const small = await page.evaluate(() =>
    ([...document.querySelectorAll("button, input:not([type=hidden]), select, textarea, summary")] as Element[])
      .map((element) => ({ element, box: element.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 24 || box.height < 24))
      .map(({ element, box }) => `${element.tagName.toLowerCase()}#${element.id} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect({ page: label, smallerThan24px: small }).toEqual({ page: label, smallerThan24px: [] });

  const viewport = page.viewportSize() ?? { width: 1024, height: 768 };
  await page.setViewportSize({ width: 320, height: 640 });
  const reflow = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const wide = ([...document.querySelectorAll("body *")] as Element[]).filter((element) => element.getBoundingClientRect().right > width + 1);
    return { scrollWidth: document.documentElement.scrollWidth, width, widest: wide.slice(-3).map((element) => `${element.tagName.toLowerCase()}.${element.className}`) };
  });
  expect({ page: label, horizontalScroll: reflow.scrollWidth > reflow.width ? reflow : null }).toEqual({ page: label, horizontalScroll: null });
  await page.setViewportSize(viewport);

  if (options.screenshot !== undefined && process.env.UPDATE_SCREENSHOTS === "1") {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    if (options.from !== undefined) await page.locator(options.from).first().evaluate((element: any) => element.scrollIntoView());
    await page.screenshot({ path: path.join(SCREENSHOTS, `${options.screenshot}.png`), fullPage: false, animations: "disabled" });
  }
}

/**
 * Keyboard only: presses Tab until the focused element matches `selector`, and on the way checks that
 * every element Tab lands on shows that it has focus (WCAG 2.4.7): the element and its surroundings look
 * different focused and not.
 */
export async function tabTo(page: Page, selector: string, most = 40): Promise<void> {
  for (let press = 0; press < most; press++) {
    await page.keyboard.press("Tab");
    await expectVisibleFocus(page);
    if (await page.evaluate((wanted) => document.activeElement?.matches(wanted) ?? false, selector)) return;
  }
  throw new Error(`Tab did not reach ${selector} in ${most} presses`);
}

const focusSeen = new WeakMap<Page, Set<string>>();

/** The focused element looks different from itself unfocused: its box and 8 px around it (outlines, focus rings) are compared as pixels. */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const focused = await page.evaluate(() => {
    const element = document.activeElement as (Element & { textContent: string | null }) | null;
    if (element === null || element === document.body) return null;
    const box = element.getBoundingClientRect();
    return { name: `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ""} "${(element.textContent ?? "").trim().slice(0, 40)}"`, x: box.x, y: box.y, width: box.width, height: box.height };
  });
  if (focused === null) throw new Error("Tab left nothing focused");
  // The skip link, the header and sign-out are on every page, styled alike: each element is looked at once in a tab.
  const seen = focusSeen.get(page) ?? new Set<string>();
  focusSeen.set(page, seen);
  if (seen.has(focused.name)) return;
  seen.add(focused.name);
  const viewport = page.viewportSize() ?? { width: 1024, height: 768 };
  const x = Math.max(0, Math.floor(focused.x - 8));
  const y = Math.max(0, Math.floor(focused.y - 8));
  const clip = { x, y, width: Math.min(viewport.width - x, Math.ceil(focused.width + 16)), height: Math.min(viewport.height - y, Math.ceil(focused.height + 16)) };
  const withFocus = await page.screenshot({ clip, animations: "disabled" });
  await page.evaluate(() => {
    window.focusChecked = document.activeElement;
    window.focusChecked.blur();
  });
  const withoutFocus = await page.screenshot({ clip, animations: "disabled" });
  // Focus goes back where Tab left it, so the next Tab moves on from there.
  await page.evaluate(() => window.focusChecked.focus());
  expect({ focused: focused.name, looksFocused: !withFocus.equals(withoutFocus) }).toEqual({ focused: focused.name, looksFocused: true });
}
