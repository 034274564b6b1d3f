import { Adult } from "../../../../people/Adult";
import { AdultIdentifier } from "../../../../people/AdultIdentifier";
import { AdultName } from "../../../../people/AdultName";
import { openRecordsDatabase, type RecordsDatabase } from "../../../../../test/support/recordsDatabase";
import { loadAdultViews } from "../adultView";

/**
 * What a data steward sees of an adult: a name an agency reported only in a sealed or brokered record
 * (`adult_name.restricted`) never shows, even once the same agency also holds the person through an
 * ordinary record (as after a steward merges the sealed-only adult into the ordinary one).
 */
describe("a steward's view of an adult", () => {
  let db: RecordsDatabase;
  beforeAll(async () => {
    db = await openRecordsDatabase([]);
  });
  afterAll(async () => db.close());

  it("lists the names ordinary records gave, never one reported only in a restricted record of the same agency", async () => {
    const { manager } = db.database.dataSource;
    const adult = await manager.save(manager.create(Adult, { givenNames: "Gideon", familyName: "Fairweather", dateOfBirth: "1980-01-01", sex: "MALE" }));
    await manager.insert(AdultIdentifier, [
      { adult, agencyCode: "PDU-VIEW", reference: "RVW-SEALED", restricted: true },
      { adult, agencyCode: "PDU-VIEW", reference: "RVW-ORDINARY", restricted: false },
    ]);
    await manager.insert(AdultName, [
      { adult, givenNames: "Gideon", familyName: "Ashdown", kind: "USUAL", reportedBy: "PDU-VIEW", restricted: true },
      { adult, givenNames: "Gideon", familyName: "Fairweather", kind: "USUAL", reportedBy: "PDU-VIEW", restricted: false },
    ]);
    const view = (await loadAdultViews(manager, [adult.id])).get(adult.id);
    expect(view?.knownNames).toEqual(["Gideon Fairweather"]);
    expect(view?.references.map((reference) => reference.agencyCode)).toEqual(["PDU-VIEW"]);
  });
});
