import http from "node:http";
import { type AddressInfo } from "node:net";
import { sendWebhook } from "../sendWebhook";

/**
 * Where a webhook may go. In production: HTTPS only, never a private, loopback or link-local address —
 * judged on the addresses the name resolves to at the moment of sending, the connection made to the
 * address judged (a rebinding answer never reaches the socket) — and no redirect followed. The
 * receiver's answer is reduced to a code.
 */
const HEADERS = { "webhook-id": "id-1", "webhook-timestamp": "1795000000", "webhook-signature": "v1a,AAAA" };
let server: http.Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((request, response) => {
    seen.push(request.url ?? "");
    request.resume();
    if (request.url === "/moved") response.writeHead(307, { location: "http://169.254.169.254/latest/meta-data" }).end();
    else if (request.url === "/slow") setTimeout(() => response.writeHead(200).end(), 2000);
    else if (request.url === "/broken") response.writeHead(500).end("stack trace with secrets");
    else response.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const development = { production: false, timeoutMs: 1000 };
const production = { production: true, timeoutMs: 1000 };

test("outside production a local receiver's 2xx delivers, anything else is a code", async () => {
  expect(await sendWebhook(`http://127.0.0.1:${port}/ok`, "{}", HEADERS, development)).toEqual({ delivered: true });
  expect(await sendWebhook(`http://127.0.0.1:${port}/broken`, "{}", HEADERS, development)).toEqual({ delivered: false, failure: "HTTP_500" });
  expect(await sendWebhook(`http://127.0.0.1:${port}/slow`, "{}", HEADERS, development)).toEqual({ delivered: false, failure: "TIMEOUT" });
  expect(await sendWebhook("http://127.0.0.1:1/", "{}", HEADERS, development)).toEqual({ delivered: false, failure: "CONNECTION_ECONNREFUSED" });
});

test("a redirect is never followed", async () => {
  seen.length = 0;
  expect(await sendWebhook(`http://127.0.0.1:${port}/moved`, "{}", HEADERS, development)).toEqual({ delivered: false, failure: "REDIRECT_NOT_FOLLOWED" });
  expect(seen).toEqual(["/moved"]);
});

test("production refuses plain http, literal non-public addresses and localhost", async () => {
  expect(await sendWebhook(`http://receiver.example.org/`, "{}", HEADERS, production)).toEqual({ delivered: false, failure: "ENDPOINT_NOT_HTTPS" });
  for (const url of [`https://127.0.0.1:${port}/`, "https://[::1]/", "https://169.254.169.254/", "https://10.1.2.3/", "https://localhost/", "https://[::ffff:192.168.0.1]/"]) {
    expect(await sendWebhook(url, "{}", HEADERS, production)).toEqual({ delivered: false, failure: "ENDPOINT_NOT_PUBLIC" });
  }
});

test("production resolves the name when it sends and refuses it if any address is not public, before connecting", async () => {
  seen.length = 0;
  const asked: string[] = [];
  // A name that answered with a public address at registration now answers with the hub's own network.
  const rebinding = async (hostname: string) => {
    asked.push(hostname);
    return [{ address: "203.0.113.10", family: 4 }, { address: "127.0.0.1", family: 4 }];
  };
  expect(await sendWebhook(`https://receiver.example.org:${port}/`, "{}", HEADERS, { ...production, resolve: rebinding })).toEqual({ delivered: false, failure: "ENDPOINT_NOT_PUBLIC" });
  expect(asked).toEqual(["receiver.example.org"]);
  expect(seen).toEqual([]);
});

test("the connection goes to the address the lookup checked", async () => {
  seen.length = 0;
  // Outside production the same lookup is used: the name resolves (by the hub's lookup) to the local receiver.
  const resolve = async () => [{ address: "127.0.0.1", family: 4 }];
  expect(await sendWebhook(`http://receiver.example.org:${port}/via-lookup`, "{}", HEADERS, { ...development, resolve })).toEqual({ delivered: true });
  expect(seen).toEqual(["/via-lookup"]);
});
