import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { ExpressInstrumentation } from "@opentelemetry/instrumentation-express";
import { GraphQLInstrumentation } from "@opentelemetry/instrumentation-graphql";
import { HttpInstrumentation } from "@opentelemetry/instrumentation-http";
import { PgInstrumentation } from "@opentelemetry/instrumentation-pg";
import { NodeSDK } from "@opentelemetry/sdk-node";
import { BatchSpanProcessor } from "@opentelemetry/sdk-trace";
import { REQUEST_ID_HEADER } from "../http/requestId";
import { PrivateSpanExporter } from "./privateSpans";

let sdk: NodeSDK | undefined;

/**
 * Starts OpenTelemetry tracing when `OTEL_EXPORTER_OTLP_ENDPOINT` is set (otherwise nothing is loaded
 * or patched): HTTP (a caller's W3C `traceparent` is honoured), Express, GraphQL and pg spans, exported
 * over OTLP/HTTP through `PrivateSpanExporter`. The GraphQL instrumentation keeps no values and no
 * resolver spans for trivial fields; pg's enhanced reporting (parameter values) stays off. Must run
 * before the modules it patches are loaded: `main.ts` imports `./register` first.
 */
export function startTracing(env: NodeJS.ProcessEnv = process.env): boolean {
  if (sdk !== undefined || !env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim()) return false;
  sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME?.trim() || "safeguarding-hub",
    spanProcessors: [new BatchSpanProcessor({ exporter: new PrivateSpanExporter(new OTLPTraceExporter()) })],
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => request.url === "/healthz" || request.url === "/readyz" || request.url === "/metrics",
        // The server span names the request id the caller was given (`http/requestId.ts`), to find the trace from an audit entry or a log line.
        applyCustomAttributesOnSpan: (span, _request, response) => {
          const id = "getHeader" in response ? response.getHeader(REQUEST_ID_HEADER) : undefined;
          if (typeof id === "string") span.setAttribute("hub.request_id", id);
        },
      }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ allowValues: false, ignoreTrivialResolveSpans: true, mergeItems: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false, addSqlCommenterCommentToQueries: false }),
    ],
  });
  sdk.start();
  return true;
}

/** Sends the spans still buffered and stops tracing (at shutdown). */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
