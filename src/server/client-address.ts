/**
 * Who the client is, for the per-address rate limits and the admin-authentication throttle.
 * By default the socket's peer: behind a reverse proxy or a load balancer every request would
 * then come from the proxy, so all clients would share one budget (and one lockout). With
 * `trustProxy` set, `X-Forwarded-For` is read, from the right: each hop a trusted proxy added is
 * skipped, and the first address no trusted proxy vouches for is the client. Anything to its
 * left was written by the client itself and is never believed.
 */
import { BlockList, isIP } from 'node:net';

/** How many proxies stand in front of the receiver, or the addresses (CIDR ranges) of the trusted ones. */
export type TrustProxy = number | readonly string[];

export type TrustProxyCheck = (address: string, hop: number) => boolean;

/** An IPv4 address as IPv6 shows it (`::ffff:192.0.2.1`) is the IPv4 address. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/** Parses `--trust-proxy`: a number of hops (`1`), or a comma list of addresses and CIDR ranges. Throws a message naming the bad part. */
export function parseTrustProxy(value: string): TrustProxy {
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const ranges = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (ranges.length === 0) throw new Error('--trust-proxy takes a number of proxies (1) or a comma list of their addresses or CIDR ranges (10.0.0.0/8,::1)');
  trustedRanges(ranges);
  return ranges;
}

function trustedRanges(ranges: readonly string[]): BlockList {
  const list = new BlockList();
  for (const range of ranges) {
    const [address, prefixText] = range.split('/');
    const family = isIP(address);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (family === 0 || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      throw new Error(`--trust-proxy: "${range}" is not an IP address or CIDR range (such as 10.0.0.0/8 or fd00::/8)`);
    }
    list.addSubnet(address, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return list;
}

/** Whether the `hop`-th address from the right (0: the socket's peer) is a trusted proxy. */
export function trustProxyCheck(trust: TrustProxy | undefined): TrustProxyCheck {
  if (trust === undefined || trust === 0) return () => false;
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  const list = trustedRanges(trust);
  return (address) => {
    const family = isIP(address);
    return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
  };
}

/** The client's address: the socket's peer, or with trusted proxies, the rightmost hop of `X-Forwarded-For` they do not vouch for. */
export function clientAddressOf(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, trusted: TrustProxyCheck): string {
  let client = plainAddress(socketAddress ?? 'unknown');
  if (forwardedFor === undefined) return client;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((hop) => plainAddress(hop.trim()));
  for (let hop = 0; trusted(client, hop) && hops.length > 0; hop++) {
    const next = hops.pop()!;
    // Not an address: written by someone no trusted proxy checked; the last trusted hop stays the answer.
    if (isIP(next) === 0) break;
    client = next;
  }
  return client;
}
