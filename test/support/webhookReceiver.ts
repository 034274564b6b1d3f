import http from "node:http";
import { type AddressInfo } from "node:net";
import { type JSONWebKeySet } from "jose";
import { verifyWebhook, type WebhookVerdict } from "../../src/webhooks/verifyWebhook";

export interface ReceivedWebhook {
  path: string;
  id: string;
  body: string;
  verdict: WebhookVerdict;
}

/**
 * A real HTTP receiver for the hub's webhooks, as an agency's system would run one: it verifies each
 * delivery against the hub's published keys, and processes a `webhook-id` once, counting every send
 * (`sends`) apart from what it processed (`processed`). `answer` decides the status per path. While
 * `holding`, a delivery is processed (stored) but its answer is held back until `release()`: a receiver
 * mid-delivery, whose sender may die before it hears the 2xx.
 */
export class WebhookReceiver {
  readonly sends: ReceivedWebhook[] = [];
  readonly processed = new Map<string, ReceivedWebhook>();
  answer: (path: string) => number = () => 204;
  keys: () => JSONWebKeySet | undefined = () => undefined;
  holding = false;
  private held: (() => void)[] = [];
  private server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      void (async () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const keys = this.keys();
        const verdict = keys === undefined ? ({ valid: false, reason: "NO_KEYS" } as const) : await verifyWebhook(request.headers, body, { keys });
        const received = { path: request.url ?? "/", id: String(request.headers["webhook-id"]), body, verdict };
        this.sends.push(received);
        const status = this.answer(received.path);
        if (status >= 200 && status < 300 && verdict.valid && !this.processed.has(received.id)) this.processed.set(received.id, received);
        const respond = () => {
          if (!response.destroyed) response.writeHead(status).end();
        };
        if (this.holding) this.held.push(respond);
        else respond();
      })();
    });
  });
  port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Answers every held request and stops holding. */
  release(): void {
    this.holding = false;
    for (const respond of this.held.splice(0)) respond();
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Sends after the first of each webhook-id: what a receiver that did not deduplicate would have processed twice. */
  duplicateSends(): number {
    return this.sends.length - new Set(this.sends.map((send) => send.id)).size;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Polls until `condition` holds, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor(what: string, condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
