import fs from "node:fs";
import { createHash } from "node:crypto";
import { Kind, parse } from "graphql";
import { canonicalOperation, operationId } from "./canonicalOperation";

/** Apollo's persisted query manifest format (the one its client tooling and router read and write). */
export interface OperationManifest {
  format: "apollo-persisted-query-manifest";
  version: 1;
  operations: ManifestOperation[];
}

export interface ManifestOperation {
  /** SHA-256 (hex) of `body`, as Apollo's tooling computes it. */
  id: string;
  name: string;
  type: "query" | "mutation" | "subscription";
  body: string;
}

/**
 * The operations a manifest trusts, each as the id of its canonical text (`canonicalOperation`), so a
 * manifest written by Apollo's own tooling is read as one built by `npm run operations:manifest`. Checks
 * the format, and that every id is the SHA-256 of its body (an edited body cannot ride on another's id)
 * and every body one operation; throws with what is wrong.
 */
export function trustedOperationIds(file: string): Set<string> {
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as Partial<OperationManifest>;
  if (manifest.format !== "apollo-persisted-query-manifest" || manifest.version !== 1 || !Array.isArray(manifest.operations)) {
    throw new Error(`${file}: not an Apollo persisted query manifest (format "apollo-persisted-query-manifest", version 1, operations)`);
  }
  const ids = new Set<string>();
  for (const [index, operation] of manifest.operations.entries()) {
    if (typeof operation.body !== "string" || createHash("sha256").update(operation.body).digest("hex") !== operation.id) {
      throw new Error(`${file}: operations[${index}]'s id is not the SHA-256 of its body`);
    }
    const document = parse(operation.body);
    const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    if (operations.length !== 1) throw new Error(`${file}: operations[${index}]'s body holds ${operations.length} operations, not one`);
    ids.add(operationId(canonicalOperation(document, operations[0])));
  }
  return ids;
}
