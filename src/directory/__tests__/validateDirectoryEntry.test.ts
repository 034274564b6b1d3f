import fs from "node:fs";
import path from "node:path";
import { DirectoryProblem } from "../DirectoryProblem";
import { parseDirectoryCsv } from "../parseDirectoryCsv";
import { validateDirectoryEntry, type DirectoryEntryInput } from "../validateDirectoryEntry";

const RULES = { production: true };
const POLICE: DirectoryEntryInput = {
  code: "POLICE-91",
  name: "Exampleshire Constabulary",
  type: "POLICE",
  servedLocalAuthorities: ["E06000902", " E06000901", "E06000902"],
  contactEmail: "public-protection@constabulary.example",
  contactPhone: "01632 960111",
  escalationEmail: "ppu-duty@constabulary.example",
  escalationPhone: "+44 1632 960611",
  webhookUrl: "https://notify.constabulary.example/hub",
};

const faultOf = (input: Partial<DirectoryEntryInput>) => {
  const check = validateDirectoryEntry({ ...POLICE, ...input }, RULES);
  return "fault" in check ? { field: check.fault.field, problem: check.fault.problem } : null;
};

describe("validateDirectoryEntry", () => {
  it("normalises an entry: areas served sorted once each, blanks null, active by default", () => {
    expect(validateDirectoryEntry({ ...POLICE, policeForceArea: "  ", localAuthority: "" }, RULES)).toEqual({
      entry: {
        code: "POLICE-91", name: "Exampleshire Constabulary", type: "POLICE", localAuthority: null,
        servedLocalAuthorities: ["E06000901", "E06000902"], policeForceArea: null,
        contactEmail: "public-protection@constabulary.example", contactPhone: "01632 960111",
        escalationEmail: "ppu-duty@constabulary.example", escalationPhone: "+44 1632 960611",
        webhookUrl: "https://notify.constabulary.example/hub", active: true,
      },
    });
  });

  it("holds a health agency's unscheduled-care setting (CP-IS), and no other agency's", () => {
    const ed = validateDirectoryEntry({ ...POLICE, code: "RBH-ED", type: "HEALTH", unscheduledCareSetting: " EMERGENCY_DEPARTMENT " }, RULES);
    expect("entry" in ed && ed.entry.unscheduledCareSetting).toBe("EMERGENCY_DEPARTMENT");
    const gp = validateDirectoryEntry({ ...POLICE, code: "GP-K99001", type: "HEALTH", unscheduledCareSetting: "" }, RULES);
    expect("entry" in gp && "unscheduledCareSetting" in gp.entry).toBe(false);
    expect(faultOf({ unscheduledCareSetting: "EMERGENCY_DEPARTMENT" })).toEqual({ field: "unscheduledCareSetting", problem: DirectoryProblem.INVALID_UNSCHEDULED_CARE_SETTING });
    expect(faultOf({ type: "HEALTH", unscheduledCareSetting: "GP_SURGERY" })).toEqual({ field: "unscheduledCareSetting", problem: DirectoryProblem.INVALID_UNSCHEDULED_CARE_SETTING });
  });

  it("serves the authority an agency sits in when no area is named", () => {
    const check = validateDirectoryEntry({ ...POLICE, servedLocalAuthorities: null, localAuthority: "W06000901" }, RULES);
    expect("entry" in check && check.entry.servedLocalAuthorities).toEqual(["W06000901"]);
  });

  it.each([
    [{ code: "police 91" }, "code", DirectoryProblem.INVALID_CODE],
    [{ code: "" }, "code", DirectoryProblem.INVALID_CODE],
    [{ name: " " }, "name", DirectoryProblem.INVALID_NAME],
    [{ name: "Example\u200BConstabulary" }, "name", DirectoryProblem.INVALID_NAME],
    // Invisible fillers Unicode counts as letters or marks: refused here as every text argument refuses them (`refusedCharacter`).
    [{ name: "Example Constabulary\u3164" }, "name", DirectoryProblem.INVALID_NAME],
    [{ name: "\u115FExample Constabulary" }, "name", DirectoryProblem.INVALID_NAME],
    [{ name: "Example\u034F Constabulary" }, "name", DirectoryProblem.INVALID_NAME],
    [{ name: "Example\u180B Constabulary" }, "name", DirectoryProblem.INVALID_NAME],
    [{ name: "Example Constabulary \u2800" }, "name", DirectoryProblem.INVALID_NAME],
    [{ policeForceArea: "Thames Valley\u3164" }, "policeForceArea", DirectoryProblem.INVALID_POLICE_FORCE_AREA],
    [{ type: "FIRE_SERVICE" }, "type", DirectoryProblem.UNKNOWN_AGENCY_TYPE],
    [{ localAuthority: "E0600006" }, "localAuthority", DirectoryProblem.INVALID_LOCAL_AUTHORITY],
    [{ servedLocalAuthorities: ["E06000060", "Exampleshire"] }, "servedLocalAuthorities", DirectoryProblem.INVALID_LOCAL_AUTHORITY],
    [{ servedLocalAuthorities: [] }, "servedLocalAuthorities", DirectoryProblem.NO_AREA_SERVED],
    [{ contactEmail: "public protection@constabulary.example" }, "contactEmail", DirectoryProblem.INVALID_EMAIL],
    [{ escalationEmail: "Duty Desk <duty@constabulary.example>" }, "escalationEmail", DirectoryProblem.INVALID_EMAIL],
    [{ contactEmail: "duty@localhost" }, "contactEmail", DirectoryProblem.INVALID_EMAIL],
    // A well-formed address longer than the directory holds (254, RFC 5321's path limit).
    [{ escalationEmail: `${"d".repeat(64)}@${`${"e".repeat(60)}.`.repeat(4)}example` }, "escalationEmail", DirectoryProblem.INVALID_EMAIL],
    [{ contactPhone: "call 999" }, "contactPhone", DirectoryProblem.INVALID_PHONE],
    [{ escalationPhone: "12345" }, "escalationPhone", DirectoryProblem.INVALID_PHONE],
    [{ webhookUrl: "http://notify.constabulary.example/hub" }, "webhookUrl", DirectoryProblem.WEBHOOK_NOT_HTTPS],
    [{ webhookUrl: "https://10.0.0.8/hub" }, "webhookUrl", DirectoryProblem.WEBHOOK_NOT_PUBLIC],
    [{ webhookUrl: "notify.constabulary.example" }, "webhookUrl", DirectoryProblem.INVALID_WEBHOOK_URL],
  ] as [Partial<DirectoryEntryInput>, string, DirectoryProblem][])("refuses %j: %s, %s", (input, field, problem) => {
    expect(faultOf(input)).toEqual({ field, problem });
  });
});

describe("the sample directory file", () => {
  it("reads and passes the production rules on every line", async () => {
    const lines = await parseDirectoryCsv(fs.createReadStream(path.join(__dirname, "..", "..", "..", "directory", "agencies.sample.csv")));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect("input" in line).toBe(true);
      if ("input" in line) expect(validateDirectoryEntry(line.input, RULES)).toHaveProperty("entry");
    }
  });
});
