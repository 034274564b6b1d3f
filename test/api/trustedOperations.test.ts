import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config/config";
import { buildHubSchema } from "../../src/graphql/buildHubSchema";
import { buildOperationManifest } from "../../src/graphql/trustedOperations/buildOperationManifest";
import { trustedOperationIds } from "../../src/graphql/trustedOperations/OperationManifest";
import { AgencyRecord } from "../../src/records/AgencyRecord";
import { RECORDS } from "../support/fixtures";
import { AGENCY_SYSTEM_CLAIMS, MASH_CLAIMS } from "../support/testKeys";
import { startTestHub, type TestHub } from "../support/testHub";

const ROOT = path.join(__dirname, "..", "..");
const SHIPPED = path.join(ROOT, "operations");
const POLICE_SYSTEM = AGENCY_SYSTEM_CLAIMS("POLICE-43", "POLICE");

/** The shipped SubmitRecord, laid out differently and commented: the same operation. */
const SUBMIT_RECORD_RELAID = `
  # an agency system's own copy of the registered document
  mutation SubmitRecord($record: AgencyRecordInput!) {
    submitRecord(record: $record) {
      recordId agencyReference recordType outcome version receivedAt
      link { method state origin outcome }
    }
  }`;

describe("trusted operations: an agency's system runs only registered operations", () => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await startTestHub({ env: { TRUSTED_OPERATIONS_ROLES: "AGENCY_SYSTEM", TRUSTED_OPERATIONS_MANIFEST: path.join(SHIPPED, "manifest.json") } });
  });
  afterAll(async () => hub.stop());

  const records = () => hub.hub.database.dataSource.getRepository(AgencyRecord).count();

  it("runs a registered operation, whatever its layout and comments", async () => {
    const response = await hub.graphql(SUBMIT_RECORD_RELAID, { record: { ...RECORDS.POLICE, agencyReference: "TVP-TRUSTED-1" } }, await hub.token(POLICE_SYSTEM));
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data.submitRecord.outcome).toBe("CREATED");
  });

  it.each([
    ["another selection of a registered operation", SUBMIT_RECORD_RELAID.replace("recordType outcome", "recordType outcome link { state }")],
    ["an unregistered operation", "mutation Other($record: AgencyRecordInput!) { submitRecord(record: $record) { recordId } }"],
    ["an anonymous query", "{ me { sub } }"],
  ])("refuses %s with 403 FORBIDDEN OPERATION_NOT_TRUSTED, running nothing", async (_case, document) => {
    const before = await records();
    const response = await hub.graphql(document, { record: { ...RECORDS.POLICE, agencyReference: "TVP-UNTRUSTED" } }, await hub.token(POLICE_SYSTEM));
    expect(response.status).toBe(403);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors).toEqual([expect.objectContaining({ extensions: { code: "FORBIDDEN", problem: "OPERATION_NOT_TRUSTED" } })]);
    expect(await records()).toBe(before);
  });

  it("leaves people's own tools alone: a practitioner's query is not in any manifest", async () => {
    const response = await hub.graphql("{ me { sub roles } }", {}, await hub.token(MASH_CLAIMS));
    expect(response.status).toBe(200);
    expect(response.body.data.me.roles).toEqual(["MASH_PRACTITIONER"]);
  });
});

describe("the manifest", () => {
  it("shipped in operations/ is the one its .graphql files build, each operation valid against the schema", async () => {
    const files = fs.readdirSync(SHIPPED).filter((name) => name.endsWith(".graphql")).map((name) => path.join(SHIPPED, name)).sort();
    const built = buildOperationManifest(await buildHubSchema(), files);
    expect("manifest" in built && built.manifest).toEqual(JSON.parse(fs.readFileSync(path.join(SHIPPED, "manifest.json"), "utf8")));
  });

  it("refuses a document that does not fit the schema, or an unnamed operation", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-ops-")), "bad.graphql");
    fs.writeFileSync(file, "query { me { sub } }\nquery Nope { nope }");
    const built = buildOperationManifest(await buildHubSchema(), [file]);
    expect("problems" in built && built.problems).toEqual(expect.arrayContaining([expect.stringContaining(`field "nope"`), expect.stringContaining("needs a name")]));
  });

  it("is refused when an entry's body was edited under its id", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(SHIPPED, "manifest.json"), "utf8")) as { operations: { body: string }[] };
    manifest.operations[0].body = manifest.operations[0].body.replace("{", "{ __typename");
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hub-ops-")), "manifest.json");
    fs.writeFileSync(file, JSON.stringify(manifest));
    expect(() => trustedOperationIds(file)).toThrow(/not the SHA-256 of its body/);
  });

  it("is enforced for agency systems in production by default, for no one elsewhere, and names only real roles", () => {
    const production = { NODE_ENV: "production", AUTH_JWKS_URL: "https://idp.example/jwks", AUTH_ISSUER: "https://idp.example/", AUTH_AUDIENCE: "hub", HUB_SIGNING_KEYS_FILE: "/run/secrets/hub-signing-keys.json", SEARCH_AUDIT_KEY: "a-test-search-audit-key-of-32-characters" };
    expect(loadConfig(production).trustedOperations.enforcedFor).toEqual(["AGENCY_SYSTEM"]);
    expect(loadConfig({ ...production, TRUSTED_OPERATIONS_ROLES: "none" }).trustedOperations.enforcedFor).toEqual([]);
    expect(loadConfig({}).trustedOperations.enforcedFor).toEqual([]);
    expect(() => loadConfig({ TRUSTED_OPERATIONS_ROLES: "AGENCY_SYSTEM,ROOT" })).toThrow(/TRUSTED_OPERATIONS_ROLES names ROOT/);
  });
});
