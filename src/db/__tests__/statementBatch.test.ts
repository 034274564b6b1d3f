import "reflect-metadata";
import { openDatabase, type Database } from "../database";
import { StatementBatch } from "../statementBatch";
import { captureLog } from "../../../test/support/capturedLog";
import { createTestDatabase, type TestDatabase } from "../../../test/support/testDatabase";

/** Statements sent together: in order, in the caller's transaction, with every value as the driver would have bound it. */
let testDatabase: TestDatabase;
let database: Database;

beforeAll(async () => {
  testDatabase = await createTestDatabase("default", { migrated: true });
  database = await openDatabase({ databaseUrl: testDatabase.url, dataDir: "", poolSize: 2, inMemory: true }, captureLog("error").logger);
}, 120_000);

afterAll(async () => {
  await database.close();
  await testDatabase.drop();
});

/** A table of the test's own, so what it reads back is only what it wrote. */
async function probeTable(name: string): Promise<string> {
  await database.dataSource.query(`CREATE TABLE ${name} (id int PRIMARY KEY, label text, tags text[], facts jsonb, at timestamptz, flag boolean)`);
  return name;
}

it("stores hostile text, arrays, JSON, dates and nulls exactly as bound parameters would", async () => {
  const probe = await probeTable("batch_probe_bound_values");
  const label = `O'Brien \\ "quoted" $1 ; DROP TABLE ${probe}; -- é`;
  const tags = [`it's`, `back\\slash`, `"q"`, `{brace}`, `comma,`, ""];
  const facts = { name: `D'Arcy \\n`, nested: [1, "two"] };
  const at = new Date("2026-03-04T05:06:07.089Z");
  await database.dataSource.transaction(async (manager) => {
    const batch = new StatementBatch();
    await batch.query(`INSERT INTO ${probe} (id, label, tags, facts, at, flag) VALUES ($1, $2, $3::text[], $4::jsonb, $5, $6)`, [1, label, tags, JSON.stringify(facts), at, true]);
    await batch.query(`INSERT INTO ${probe} (id, label, tags, facts, at, flag) VALUES ($1, $2, $3::text[], $4::jsonb, $5, $6)`, [2, null, [], null, null, false]);
    await batch.run(manager);
  });
  const rows = await database.dataSource.query<{ id: number; label: string | null; tags: string[]; facts: unknown; at: Date | null; flag: boolean }[]>(`SELECT * FROM ${probe} ORDER BY id`);
  expect(rows).toEqual([
    { id: 1, label, tags, facts, at, flag: true },
    { id: 2, label: null, tags: [], facts: null, at: null, flag: false },
  ]);
});

it("runs the statements in order, each seeing what those before it wrote, and a failing one fails the transaction", async () => {
  const probe = await probeTable("batch_probe_in_order");
  await database.dataSource.transaction(async (manager) => {
    const batch = new StatementBatch();
    await batch.query(`INSERT INTO ${probe} (id, label) VALUES ($1, $2)`, [10, "first"]);
    await batch.query(`UPDATE ${probe} SET label = label || $2 WHERE id = $1`, [10, " then second"]);
    await batch.run(manager);
  });
  expect(await database.dataSource.query(`SELECT label FROM ${probe} WHERE id = 10`)).toEqual([{ label: "first then second" }]);

  await expect(database.dataSource.transaction(async (manager) => {
    const batch = new StatementBatch();
    await batch.query(`INSERT INTO ${probe} (id, label) VALUES ($1, $2)`, [11, "kept only if all succeed"]);
    await batch.query(`INSERT INTO ${probe} (id, label) VALUES ($1, $2)`, [10, "a duplicate key"]);
    await batch.run(manager);
  })).rejects.toMatchObject({ driverError: { code: "23505" } });
  expect(await database.dataSource.query(`SELECT count(*)::int AS n FROM ${probe} WHERE id = 11`)).toEqual([{ n: 0 }]);
});

it("refuses a placeholder with no parameter rather than send it", async () => {
  const batch = new StatementBatch();
  await expect(batch.query(`SELECT $1, $2`, ["only one"])).rejects.toThrow(RangeError);
});
