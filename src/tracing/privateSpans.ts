import { type Attributes } from "@opentelemetry/api";
import { type ExportResult } from "@opentelemetry/core";
import { type ReadableSpan, type SpanExporter } from "@opentelemetry/sdk-trace";

/**
 * The only span attributes that leave the hub: methods, status codes, routes, the GraphQL operation type
 * and the schema's field names and paths, the database system and operation, error types, the request
 * id. Everything else an instrumentation records — a URL's query string (a GET's document), a caller's
 * address or user agent, an SQL statement, a GraphQL document or its variables, an exception's message
 * — is dropped before export: a trace goes to places no information-sharing agreement covers.
 */
export const EXPORTABLE_ATTRIBUTES = new Set([
  "http.request.method", "http.method", "http.response.status_code", "http.status_code", "http.route", "http.scheme", "url.scheme",
  "network.protocol.version", "http.flavor", "server.port", "net.host.port",
  "express.type", "express.name",
  "graphql.operation.type", "graphql.field.name", "graphql.field.path", "graphql.field.type", "graphql.parent.name",
  "db.system", "db.system.name", "db.operation", "db.operation.name", "db.name", "db.namespace", "db.collection.name", "db.sql.table",
  "error.type", "exception.type",
  "hub.request_id",
]);

/** GraphQL spans are named after the operation, whose name the caller chose: keep its type only. */
function exportableName(span: ReadableSpan): string {
  const match = /^(query|mutation|subscription)\b/.exec(span.name);
  return match ? match[1] : span.name;
}

function exportable(attributes: Attributes): Attributes {
  return Object.fromEntries(Object.entries(attributes).filter(([key]) => EXPORTABLE_ATTRIBUTES.has(key)));
}

/** The span as it may leave: allow-listed attributes, events by name, a status without its message. */
export function privateSpan(span: ReadableSpan): ReadableSpan {
  return Object.create(span, {
    name: { value: exportableName(span) },
    attributes: { value: exportable(span.attributes) },
    events: { value: span.events.map((event) => ({ ...event, attributes: exportable(event.attributes ?? {}) })) },
    status: { value: { code: span.status.code } },
    links: { value: span.links.map((link) => ({ ...link, attributes: exportable(link.attributes ?? {}) })) },
  }) as ReadableSpan;
}

/** Wraps the exporter that sends spans away, so that every span passes through `privateSpan` first. */
export class PrivateSpanExporter implements SpanExporter {
  constructor(private readonly delegate: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.delegate.export(spans.map(privateSpan), resultCallback);
  }

  shutdown(): Promise<void> {
    return this.delegate.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.delegate.forceFlush?.() ?? Promise.resolve();
  }
}
