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
// IPv6: unspecified, loopback, discard (RFC 6666), unique local (RFC 4193), link-local, site-local (deprecated), multicast.
NON_PUBLIC.addAddress("::", "ipv6");
NON_PUBLIC.addAddress("::1", "ipv6");
NON_PUBLIC.addSubnet("100::", 64, "ipv6");
NON_PUBLIC.addSubnet("fc00::", 7, "ipv6");
NON_PUBLIC.addSubnet("fe80::", 10, "ipv6");
NON_PUBLIC.addSubnet("fec0::", 10, "ipv6");
NON_PUBLIC.addSubnet("ff00::", 8, "ipv6");

/** An IPv6 address (valid, without brackets or zone) as its eight 16-bit groups, a trailing dotted IPv4 part included. */
function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted !== null) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, undefined];
  const parse = (part: string | undefined) => (part === undefined || part === "" ? [] : part.split(":").map((group) => parseInt(group, 16)));
  const high = parse(head);
  const low = parse(tail);
  return tail === undefined ? high : [...high, ...new Array<number>(8 - high.length - low.length).fill(0), ...low];
}

const ipv4Of = (high: number, low: number): string => [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
const allZero = (groups: number[]): boolean => groups.every((group) => group === 0);

/**
 * An IPv6 address that reaches an IPv4 one: the IPv4 address it carries, to be judged as that address;
 * "tunnel" for one whose IPv4 address depends on a translator's or relay's set-up (a local-use NAT64
 * prefix, Teredo), which is never an endpoint's own; null for an IPv6 address of its own.
 */
function carriedIpv4(groups: number[]): { ipv4: string } | "tunnel" | null {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  // IPv4-compatible (::/96, deprecated), IPv4-mapped (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96, SIIT).
  if (allZero(groups.slice(0, 6)) || (allZero(groups.slice(0, 5)) && g5 === 0xffff) || (allZero(groups.slice(0, 4)) && g4 === 0xffff && g5 === 0)) return { ipv4: ipv4Of(g6, g7) };
  if (g0 === 0x64 && g1 === 0xff9b) {
    // The well-known NAT64 prefix (64:ff9b::/96, RFC 6052); the local-use one (64:ff9b:1::/48, RFC 8215) at whatever length a network chose.
    return allZero([g2, g3, g4, g5]) ? { ipv4: ipv4Of(g6, g7) } : "tunnel";
  }
  // 6to4 (2002::/16, RFC 3056): the relay's IPv4 address in the second and third groups.
  if (g0 === 0x2002) return { ipv4: ipv4Of(g1, g2) };
  // Teredo (2001::/32, RFC 4380).
  if (g0 === 0x2001 && g1 === 0) return "tunnel";
  return null;
}

/**
 * Whether an IP address (v4, or v6 without brackets) is loopback, private, link-local or otherwise
 * not a public host. Anything that is not an IP address at all is not judged here: false.
 */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return NON_PUBLIC.check(address, "ipv4");
  if (family !== 6) return false;
  const carried = carriedIpv4(ipv6Groups(address));
  if (carried === "tunnel") return true;
  if (carried !== null) return NON_PUBLIC.check(carried.ipv4, "ipv4");
  return NON_PUBLIC.check(address, "ipv6");
}
