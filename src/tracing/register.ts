import { startTracing } from "./startTracing";

// Imported first by main.ts: instrumentation has to patch http, express, graphql and pg before they load.
startTracing();
