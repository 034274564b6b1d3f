import { type EntityManager, type EntityTarget, type ObjectLiteral } from "typeorm";
import { type ColumnMetadata } from "typeorm/metadata/ColumnMetadata";
import { type StatementWriter } from "./statementBatch";

/** Character types are read from the JSON as text and assigned to the column (`varchar(n)`, `char(n)`) on insert. */
const AS_TEXT = new Set(["character varying", "varchar", "character", "char", "text"]);

/**
 * Inserts many entities of one kind in one statement whose only parameter is their JSON
 * (`jsonb_to_recordset`), as the write path's other batch statements do: one bound value however many
 * rows, where the ORM's insert binds one per row and column and builds the statement in time that
 * grows faster than the rows. Columns are those of the entity's metadata (relations by their join
 * column); a column no entity sets is left to its default; a column without a default some entities
 * leave unset is null for them, as the ORM's insert writes it; one with a default some set and others
 * not is refused (one statement cannot give some rows the default). Must run inside the caller's transaction when it is one of many.
 * `writer`: where the statement goes, when not at once (`StatementBatch`).
 */
export async function insertRows<Entity extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<Entity>, entities: readonly Entity[], writer: StatementWriter = manager): Promise<void> {
  if (entities.length === 0) return;
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.filter((column) => {
    const set = entities.filter((entity) => column.getEntityValue(entity, true) !== undefined).length;
    if (set !== 0 && set !== entities.length && hasDefault(column)) throw new RangeError(`insertRows: ${metadata.tableName}.${column.databaseName} is set on some rows and left to its default on others`);
    return set > 0;
  });
  const names = columns.map((column) => `"${column.databaseName}"`).join(", ");
  const types = columns.map((column) => `"${column.databaseName}" ${recordsetType(manager, column)}`).join(", ");
  const rows = entities.map((entity) => Object.fromEntries(columns.map((column) => [column.databaseName, column.getEntityValue(entity, true) ?? null])));
  await writer.query(`INSERT INTO "${metadata.tableName}" (${names}) SELECT ${names} FROM jsonb_to_recordset($1::jsonb) AS x(${types})`, [JSON.stringify(rows)]);
}

function hasDefault(column: ColumnMetadata): boolean {
  return column.default !== undefined || column.isGenerated || column.isCreateDate || column.isUpdateDate || column.isVersion;
}

function recordsetType(manager: EntityManager, column: ColumnMetadata): string {
  const type = manager.connection.driver.normalizeType(column);
  const base = AS_TEXT.has(type) ? "text" : type;
  return column.isArray ? `${base}[]` : base;
}
