import fs from "node:fs";
import path from "node:path";
import { DEMO_AGENCIES } from "../../demo/demoDirectory";
import { ROLES } from "../Role";
import { ROLE_GUIDE, tokenCommand } from "../roleGuide";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "..", "README.md"), "utf8");

describe("the guide to roles a newcomer mints tokens from", () => {
  it("covers every role once", () => {
    expect(ROLE_GUIDE.map((guide) => guide.role).sort()).toEqual([...ROLES].sort());
  });

  it.each(ROLE_GUIDE.map((guide) => [guide.role, guide] as const))("%s works at a demo agency of the type it names, in an area that agency serves", (_role, guide) => {
    const agency = DEMO_AGENCIES.find((candidate) => candidate.code === guide.agency);
    expect(agency?.type).toBe(guide.agencyType);
    expect(agency?.servedLocalAuthorities).toContain(guide.localAuthority);
  });

  it.each(ROLE_GUIDE.map((guide) => [guide.role, guide] as const))("the README gives the token command for %s", (_role, guide) => {
    expect(README).toContain(tokenCommand(guide));
  });
});
