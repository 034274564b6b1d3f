import module from "node:module";
import path from "node:path";

/**
 * Imported first by `npm start` and every command: Node keeps the compiled code of the hub and its
 * libraries between runs (`module.enableCompileCache`), so a warm start or `npm run token` does not
 * compile them again. The cache sits in the build output (`dist/.compile-cache`), owned by whoever built
 * the hub, never in a shared temporary folder; Node checks each entry against its source and ignores a
 * stale one. Does nothing on a Node without it.
 */
module.enableCompileCache?.(path.join(__dirname, "..", "..", ".compile-cache"));
