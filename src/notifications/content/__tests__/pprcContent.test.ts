import { type AdultName } from "../../../people/AdultName";
import { NameKind } from "../../../people/NameKind";
import { releaseOf } from "../../__tests__/notificationDatabase";
import { pprcContent } from "../pprcContent";

/**
 * A PPRC notification's content names the prisoner's other names as the prison reported them — never a
 * name the prison reported only in a sealed or brokered record (`AdultName.restricted`): a notification
 * is no restricted record, and goes to every agency the routing finds.
 */
const name = (givenNames: string, familyName: string, kind: NameKind, restricted: boolean, reportedBy = "HMP-NORTHFEN") => ({ givenNames, familyName, kind, restricted, reportedBy }) as AdultName;

describe("a PPRC notification's prisoner aliases", () => {
  it("are the prison's unrestricted other names, never one only its restricted records report", () => {
    const notification = releaseOf("NF-2026-ALIAS-0001");
    const names = [
      name("Corwin", "Ashdale", NameKind.USUAL, false),
      name("Corwin", "Fenwright", NameKind.ALIAS, false),
      name("Corwin", "Hollowmere", NameKind.ALIAS, true),
      name("Cory", "Ashdale", NameKind.ALIAS, false, "PDU-BUCKS"),
    ];
    const content = pprcContent(notification, [], names);
    const pprc = content.sections.find((section) => section.key === "pprc")?.entries[0]?.values;
    expect(pprc?.prisonerAliases).toEqual([{ givenNames: "Corwin", familyName: "Fenwright" }]);
  });
});
