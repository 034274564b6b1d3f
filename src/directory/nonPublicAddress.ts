import { BlockList, isIP } from "node:net";

/**
 * Address ranges a webhook must never reach (server-side request forgery): the hub's own host, the
 * private networks it sits in, and the cloud metadata services on link-local addresses. Checked on a
 * registered endpoint's literal address when the directory is changed, and on every address its name
 * resolves to when a delivery is sent, since DNS can change after registration.
 */
const NON_PUBLIC = new BlockList();
// IPv4: "this network" (RFC 791), private (RFC 1918), shared CGNAT (RFC 6598), loopback, link-local
// (RFC 3927, 169.254.169.254 is the metadata service), IETF protocol assignments, multicast, reserved and broadcast.
NON_PUBLIC.addSubnet("0.0.0.0", 8, "ipv4");
NON_PUBLIC.addSubnet("10.0.0.0", 8, "ipv4");
NON_PUBLIC.addSubnet("100.64.0.0", 10, "ipv4");
NON_PUBLIC.addSubnet("127.0.0.0", 8, "ipv4");
NON_PUBLIC.addSubnet("169.254.0.0", 16, "ipv4");
NON_PUBLIC.addSubnet("172.16.0.0", 12, "ipv4");
NON_PUBLIC.addSubnet("192.0.0.0", 24, "ipv4");
NON_PUBLIC.addSubnet("192.168.0.0", 16, "ipv4");
NON_PUBLIC.addSubnet("198.18.0.0", 15, "ipv4");
NON_PUBLIC.addSubnet("224.0.0.0", 3, "ipv4");
// IPv6: unspecified, loopback, unique local (RFC 4193), link-local, site-local (deprecated), multicast.
NON_PUBLIC.addAddress("::", "ipv6");
NON_PUBLIC.addAddress("::1", "ipv6");
NON_PUBLIC.addSubnet("fc00::", 7, "ipv6");
NON_PUBLIC.addSubnet("fe80::", 10, "ipv6");
NON_PUBLIC.addSubnet("fec0::", 10, "ipv6");
NON_PUBLIC.addSubnet("ff00::", 8, "ipv6");

/** IPv4 carried inside IPv6 (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`): judged as the IPv4 address it carries. */
function embeddedIpv4(address: string): string | null {
  const match = /^(?:::ffff:|64:ff9b::)(?:(\d+\.\d+\.\d+\.\d+)|([0-9a-f]{1,4}):([0-9a-f]{1,4}))$/i.exec(address);
  if (match === null) return null;
  if (match[1] !== undefined) return match[1];
  const high = parseInt(match[2], 16);
  const low = parseInt(match[3], 16);
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

/**
 * Whether an IP address (v4, or v6 without brackets) is loopback, private, link-local or otherwise
 * not a public host. Anything that is not an IP address at all is not judged here: false.
 */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, "ipv4");
  if (family !== 6) return false;
  const carried = embeddedIpv4(address);
  if (carried !== null) return NON_PUBLIC.check(carried, "ipv4");
  return NON_PUBLIC.check(address, "ipv6");
}
