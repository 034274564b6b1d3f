import { randomUUID } from "node:crypto";
import { type DataSource } from "typeorm";
import { writeMatchProfiles } from "../../src/identity/matchProfiles";
import { type RegistryChild } from "./syntheticPopulation";

const LOAD_CHUNK = 5000;

/**
 * A synthetic registry straight into the tables (children, one SUI-linked record each from `agencyCode`
 * that is the source of its name and address, match profiles, blocking keys): a benchmark's setup, not what it measures. Answers each child's
 * id with the entity it stands for.
 */
export async function loadRegistry(dataSource: DataSource, registry: readonly RegistryChild[], agencyCode: string): Promise<Map<string, number>> {
  const entityOfChild = new Map<string, number>();
  for (let start = 0; start < registry.length; start += LOAD_CHUNK) {
    const chunk = registry.slice(start, start + LOAD_CHUNK).map((child, offset) => ({ ...child, id: randomUUID(), recordId: randomUUID(), reference: `REG-${start + offset}` }));
    for (const child of chunk) entityOfChild.set(child.id, child.entityId);
    await dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO child (id, sui, given_names, family_name, date_of_birth, sex)
         SELECT x.id, x.sui, x.given_names, x.family_name, x.date_of_birth, x.sex
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, sui text, given_names text, family_name text, date_of_birth date, sex text)`,
        [JSON.stringify(chunk.map((c) => ({ id: c.id, sui: c.sui, given_names: c.givenNames, family_name: c.familyName, date_of_birth: c.dateOfBirth, sex: c.sex })))],
      );
      // The record each child is known by: the source of its name and address (identity facts keep their sources).
      await manager.query(
        `INSERT INTO agency_record (id, agency_code, agency_reference, record_type, child_id, reported_identity, link_method, link_state, link_origin, link_decided_by, link_decided_at, content_hash)
         SELECT x.id, $2, x.reference, 'HEALTH', x.child_id, x.identity, 'SUI', 'LINKED', 'AUTO', 'bench', now(), x.reference
         FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, reference text, child_id uuid, identity jsonb)`,
        [JSON.stringify(chunk.map((c) => ({
          id: c.recordId, reference: c.reference, child_id: c.id,
          identity: { givenNames: c.givenNames, familyName: c.familyName, dateOfBirth: c.dateOfBirth, expectedDateOfBirth: null, sex: c.sex, postcode: c.postcode, address: { kind: "HOME", line1: "Home address", postcode: c.postcode } },
        }))), agencyCode],
      );
      await manager.query(
        `INSERT INTO child_name (child_id, given_names, family_name, kind, reported_by, sources) SELECT x.id, x.g, x.f, 'USUAL', $2, ARRAY[x.r] FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, g text, f text, r uuid)`,
        [JSON.stringify(chunk.map((c) => ({ id: c.id, g: c.givenNames, f: c.familyName, r: c.recordId }))), agencyCode],
      );
      await manager.query(
        `INSERT INTO child_address (child_id, source_record_id, kind, line1, postcode, reported_by) SELECT x.id, x.r, 'HOME', 'Home address', x.p, $2 FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, p text, r uuid)`,
        [JSON.stringify(chunk.map((c) => ({ id: c.id, p: c.postcode, r: c.recordId }))), agencyCode],
      );
      await writeMatchProfiles(
        manager,
        chunk.map((c) => ({ childId: c.id, givenNames: [c.givenNames], familyNames: [c.familyName], dateOfBirth: c.dateOfBirth, sex: c.sex, postcodes: [c.postcode] })),
        false,
      );
    });
  }
  return entityOfChild;
}
