import { join } from "node:path";
import { loadPolicies } from "../../src/policy/loadPolicies";
import { removeExpiredFacts, type RetentionRun } from "../../src/retention/removeExpiredFacts";
import { SUBMIT } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

const policy = loadPolicies(join(__dirname, "..", "..", "policies"));
const LATER = new Date("2030-06-01T12:00:00Z");
const AGENCY = "YOT-E06000060";

/** Children of this file's own, each with one youth justice record whose disposal ended in 2013: past its six years by 2030. */
const CHILDREN = {
  evidence: { sui: "9990007101", reference: "KEEP-EVIDENCE" },
  lifted: { sui: "9990007128", reference: "KEEP-LIFTED" },
  refused: { sui: "9990007136", reference: "KEEP-REFUSED" },
  sar: { sui: "9990007144", reference: "KEEP-SAR" },
  plain: { sui: "9990007152", reference: "KEEP-NONE" },
};

const record = (sui: string, reference: string) => ({
  agencyCode: AGENCY, agencyReference: reference,
  child: {
    sui, givenNames: "Rowan", familyName: "Keepsake", dateOfBirth: "2008-02-11", sex: "FEMALE",
    address: { kind: "HOME", line1: `${reference} Lane`, town: "Sampleton", postcode: "HP20 1UA", localAuthority: "E06000060" },
  },
  youthJustice: { disposal: "REFERRAL_ORDER", startDate: "2012-05-01", endDate: "2013-05-01", riskOfSeriousHarm: "LOW", safetyAndWellbeing: "LOW" },
});

describe("retention keeps what a data subject's right needs kept", () => {
  let hub: TestHub;
  let run: RetentionRun;
  let remaining: string[];

  beforeAll(async () => {
    hub = await startTestHub();
    const token = await hub.token(AGENCY_SYSTEM_CLAIMS(AGENCY, "YOUTH_JUSTICE"));
    for (const { sui, reference } of Object.values(CHILDREN)) {
      const response = await hub.graphql(SUBMIT, { record: record(sui, reference) }, token);
      expect(response.body.errors).toBeUndefined();
    }
    const db = hub.hub.database.dataSource;
    const idOf = async (reference: string) => (await db.query<{ id: string }[]>(`SELECT id FROM agency_record WHERE agency_reference = $1`, [reference]))[0].id;
    const restrict = (recordId: string, ground: string, status: string) =>
      db.query(
        `INSERT INTO processing_restriction (record_id, kind, ground, reason, allowed_purposes, status, restricted_by_sub, restricted_by_agency, restricted_at)
         VALUES ($1, 'RESTRICTION', $2, 'Test restriction.', '{}', $3, 'ig-lead', $4, now())`,
        [recordId, ground, status, AGENCY],
      );
    await restrict(await idOf(CHILDREN.evidence.reference), "MAINTAINED_FOR_EVIDENCE", "IN_FORCE");
    await restrict(await idOf(CHILDREN.lifted.reference), "NEEDED_FOR_LEGAL_CLAIMS", "LIFTED");
    await db.query(
      `INSERT INTO erasure_decision (record_id, record_type, agency_code, field, regime, grounds, exemptions, outcome, reason, decided_by_sub, decided_by_agency, decided_at)
       VALUES ($1, 'YOUTH_JUSTICE', $2, 'disposal', 'UK_GDPR', '{NO_LONGER_NECESSARY}', '{LEGAL_CLAIMS}', 'REFUSED', 'Test refusal.', 'ig-lead', $2, now())`,
      [await idOf(CHILDREN.refused.reference), AGENCY],
    );
    await db.query(
      `INSERT INTO subject_access_request (id, reference, sui, requester_standing, requester_name, received_at, timescale_edition, original_due_at, due_at, status, opened_by_sub, opened_by_agency)
       VALUES (gen_random_uuid(), 'SAR-KEEP-1', $1, 'CHILD', 'Requester', $2, 'test', $3, $3, 'OPEN', 'sar-officer', $4)`,
      [CHILDREN.sar.sui, new Date("2030-05-20T00:00:00Z"), new Date("2030-06-20T00:00:00Z"), AGENCY],
    );
    run = await removeExpiredFacts({ dataSource: db, policy }, LATER);
    remaining = (await db.query<{ agency_reference: string }[]>(`SELECT agency_reference FROM agency_record WHERE agency_code = $1 ORDER BY agency_reference`, [AGENCY])).map(
      (row) => row.agency_reference,
    );
  });

  afterAll(async () => {
    await hub.stop();
  });

  it("keeps a record under a restriction in force to maintain it as evidence, past its retention", () => {
    expect(remaining).toContain(CHILDREN.evidence.reference);
  });

  it("keeps a record whose erasure was refused under an exemption", () => {
    expect(remaining).toContain(CHILDREN.refused.reference);
  });

  it("keeps the records of a child whose subject access request is open", () => {
    expect(remaining).toContain(CHILDREN.sar.reference);
  });

  it("removes the others, a lifted restriction with its record, and counts what rights kept", () => {
    expect(remaining).toEqual([CHILDREN.evidence.reference, CHILDREN.refused.reference, CHILDREN.sar.reference].sort());
    expect(run).toMatchObject({ status: "APPLIED", recordsRemoved: { YOUTH_JUSTICE: 2 }, recordsKeptForRights: 3, recordsKeptForConsent: 0 });
  });

  it("refuses, in the database, to delete a record while a restriction of it remains", async () => {
    await expect(hub.hub.database.dataSource.query(`DELETE FROM agency_record WHERE agency_reference = $1`, [CHILDREN.evidence.reference])).rejects.toThrow(/foreign key/);
  });
});
