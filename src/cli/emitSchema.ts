import "./compileCache";
import "reflect-metadata";
import fs from "node:fs";
import path from "node:path";
import { buildHubSchema, printHubSchema } from "../graphql/buildHubSchema";

/** `npm run schema:emit`: writes the SDL that agency systems integrate against to schema/schema.graphql. */
const SCHEMA_FILE = path.resolve(__dirname, "../../../schema/schema.graphql");

buildHubSchema()
  .then((schema) => {
    fs.writeFileSync(SCHEMA_FILE, printHubSchema(schema));
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  })
  .catch((error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exit(1);
  });
