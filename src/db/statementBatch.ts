import { prepareValue } from "pg/lib/utils";
import { type EntityManager } from "typeorm";

/** Where a statement that needs nothing back goes: the transaction at once, or a `StatementBatch`. */
export interface StatementWriter {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/**
 * Statements that need nothing back, gathered while a batch of records is stored and sent together:
 * run in order, in the caller's transaction, in one round trip (the simple-query protocol runs
 * statements separated by semicolons one after another, each seeing what those before it wrote, and a
 * failing one aborts the transaction as it would alone). Storing a batch writes a dozen tables, and a
 * round trip under load costs more than most of those statements. Each parameter is inlined as the
 * text the driver would have bound (`prepareValue`), quoted as the driver's `escapeLiteral` quotes it; a
 * statement given here must use `$n` for nothing but its parameters.
 */
export class StatementBatch implements StatementWriter {
  private statements: string[] = [];

  async query(sql: string, parameters: unknown[] = []): Promise<void> {
    this.statements.push(sql.replace(/\$(\d+)/g, (_placeholder, position: string) => {
      const index = Number(position) - 1;
      if (index >= parameters.length) throw new RangeError(`statement batch: $${position} has no parameter`);
      return literal(parameters[index]);
    }));
  }

  /** Sends what was gathered, if anything; the batch is then empty. */
  async run(manager: EntityManager): Promise<void> {
    if (this.statements.length === 0) return;
    const text = this.statements.join(";\n");
    this.statements = [];
    await manager.query(text);
  }
}

function literal(value: unknown): string {
  const text = prepareValue(value);
  if (text === null) return "NULL";
  if (typeof text !== "string") throw new TypeError("statement batch: binary parameters are not inlined");
  return quoted(text);
}

/**
 * What pg's `escapeLiteral` gives — quotes and backslashes doubled, and an E string when there is a
 * backslash, so the literal means the same whatever `standard_conforming_strings` says — by native
 * replacement: its loop adds a character at a time, which for a batch's JSON costs milliseconds.
 */
function quoted(text: string): string {
  const doubled = text.replaceAll("'", "''");
  return text.includes("\\") ? ` E'${doubled.replaceAll("\\", "\\\\")}'` : `'${doubled}'`;
}
