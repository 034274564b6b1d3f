import { DirectoryProblem } from "../DirectoryProblem";
import { isNonPublicAddress } from "../nonPublicAddress";
import { webhookUrlProblem } from "../webhookEndpoint";

const PRODUCTION = { production: true };
const DEVELOPMENT = { production: false };

describe("a webhook endpoint in production", () => {
  it("is accepted as an HTTPS URL naming a public host or address", () => {
    expect(webhookUrlProblem("https://hooks.council.example/hub", PRODUCTION)).toBeNull();
    expect(webhookUrlProblem("https://203.0.113.10:8443/hub?agency=LA-1", PRODUCTION)).toBeNull();
    expect(webhookUrlProblem("https://[2001:db8::1]/hub", PRODUCTION)).toBeNull();
  });

  it("must use HTTPS", () => {
    expect(webhookUrlProblem("http://hooks.council.example/hub", PRODUCTION)).toBe(DirectoryProblem.WEBHOOK_NOT_HTTPS);
  });

  it.each([
    ["loopback", "https://127.0.0.1/hub"],
    ["loopback written in hexadecimal", "https://0x7f.1/hub"],
    ["loopback written as one number", "https://2130706433/hub"],
    ["localhost", "https://localhost:8443/hub"],
    ["a name under localhost", "https://hooks.localhost/hub"],
    ["a private network", "https://10.1.2.3/hub"],
    ["a private network (172.16/12)", "https://172.20.0.5/hub"],
    ["a private network (192.168/16)", "https://192.168.1.20/hub"],
    ["the link-local metadata service", "https://169.254.169.254/latest/meta-data"],
    ["shared address space", "https://100.64.0.1/hub"],
    ["this network", "https://0.0.0.0/hub"],
    ["IPv6 loopback", "https://[::1]/hub"],
    ["IPv6 unique local", "https://[fd12:3456::1]/hub"],
    ["IPv6 link-local", "https://[fe80::1]/hub"],
    ["IPv4-mapped loopback", "https://[::ffff:127.0.0.1]/hub"],
    ["IPv4-compatible loopback", "https://[::127.0.0.1]/hub"],
    ["an IPv4-translated private address", "https://[::ffff:0:10.0.0.1]/hub"],
    ["6to4 carrying the metadata service", "https://[2002:a9fe:a9fe::1]/hub"],
    ["a local-use NAT64 prefix", "https://[64:ff9b:1::a9fe:a9fe]/hub"],
    ["Teredo", "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hub"],
    ["the IPv6 discard prefix", "https://[100::1]/hub"],
  ])("may not name %s", (_what, url) => {
    expect(webhookUrlProblem(url, PRODUCTION)).toBe(DirectoryProblem.WEBHOOK_NOT_PUBLIC);
  });
});

describe("a webhook endpoint anywhere", () => {
  it("may be plain HTTP on a developer's own machine outside production", () => {
    expect(webhookUrlProblem("http://127.0.0.1:9000/receiver", DEVELOPMENT)).toBeNull();
    expect(webhookUrlProblem("http://localhost:9000/receiver", DEVELOPMENT)).toBeNull();
  });

  it.each([
    ["not a URL", "hooks.council.example/hub"],
    ["another scheme", "ftp://hooks.council.example/hub"],
    ["a javascript URL", "javascript:alert(1)"],
    ["credentials", "https://user:secret@hooks.council.example/hub"],
    ["a user name", "https://user@hooks.council.example/hub"],
    ["a fragment", "https://hooks.council.example/hub#part"],
    ["too long", `https://hooks.council.example/${"a".repeat(2048)}`],
  ])("is refused when it is %s", (_what, url) => {
    expect(webhookUrlProblem(url, DEVELOPMENT)).toBe(DirectoryProblem.INVALID_WEBHOOK_URL);
    expect(webhookUrlProblem(url, PRODUCTION)).toBe(DirectoryProblem.INVALID_WEBHOOK_URL);
  });
});

describe("isNonPublicAddress, for the delivery side's check of resolved addresses", () => {
  it("judges IPv4 and IPv6 addresses, and IPv4 carried inside IPv6 as the address it carries", () => {
    expect(isNonPublicAddress("127.0.0.1")).toBe(true);
    expect(isNonPublicAddress("169.254.169.254")).toBe(true);
    expect(isNonPublicAddress("::ffff:10.0.0.1")).toBe(true);
    expect(isNonPublicAddress("::ffff:a00:1")).toBe(true);
    expect(isNonPublicAddress("64:ff9b::7f00:1")).toBe(true);
    expect(isNonPublicAddress("::7f00:1")).toBe(true);
    expect(isNonPublicAddress("::ffff:0:a00:1")).toBe(true);
    expect(isNonPublicAddress("2002:7f00:1::")).toBe(true);
    expect(isNonPublicAddress("2002:cb00:710a::1")).toBe(false);
    expect(isNonPublicAddress("::")).toBe(true);
    expect(isNonPublicAddress("::1")).toBe(true);
    expect(isNonPublicAddress("203.0.113.10")).toBe(false);
    expect(isNonPublicAddress("::ffff:203.0.113.10")).toBe(false);
    expect(isNonPublicAddress("2001:db8::1")).toBe(false);
  });

  it("does not judge what is not an address", () => {
    expect(isNonPublicAddress("hooks.council.example")).toBe(false);
  });
});
