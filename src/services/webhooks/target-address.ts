/**
 * Server-side request forgery: a webhook may only reach the public internet. Its host is
 * resolved once per attempt, every address is checked, and the connection goes to the address
 * that was checked (the HTTP client's `lookup` answers with it), so a name that resolves to a
 * public address when checked and to 127.0.0.1 when connecting (DNS rebinding) cannot reach
 * the server's own network. The administrator may allow private targets explicitly
 * (CORESPOND_WEBHOOKS_ALLOW_PRIVATE=true), as the tests do for their local receiver.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AppError } from '../../model/errors';

/** Why an address may not be a webhook's target. */
export type RefusedRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link_local'
  | 'multicast'
  | 'reserved'
  | 'documentation'
  | 'ipv4_mapped'
  | 'translated'
  | 'unique_local';

const RANGES: [RefusedRange, 'ipv4' | 'ipv6', string, number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['shared', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link_local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['reserved', 'ipv4', '192.88.99.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['reserved', 'ipv4', '198.18.0.0', 15],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  // An IPv4 address written as IPv6 (::ffff:127.0.0.1) or embedded for translation (NAT64,
  // 6to4, Teredo) could smuggle a private IPv4 address past the IPv6 checks.
  ['ipv4_mapped', 'ipv6', '::ffff:0:0', 96],
  ['ipv4_mapped', 'ipv6', '::', 96],
  ['translated', 'ipv6', '64:ff9b::', 96],
  ['translated', 'ipv6', '64:ff9b:1::', 48],
  ['reserved', 'ipv6', '100::', 64],
  ['translated', 'ipv6', '2001::', 32],
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['translated', 'ipv6', '2002::', 16],
  ['unique_local', 'ipv6', 'fc00::', 7],
  ['link_local', 'ipv6', 'fe80::', 10],
  ['private', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8],
];

// One list per range and family: Node's BlockList matches an IPv4 address against IPv4-mapped
// IPv6 rules too, so each address is only checked against rules of its own family.
const LISTS: { range: RefusedRange; family: 'ipv4' | 'ipv6'; list: BlockList }[] = RANGES.map(
  ([range, family, network, prefix]) => {
    const list = new BlockList();
    list.addSubnet(network, prefix, family);
    return { range, family, list };
  },
);

/** The range that makes an IP address unfit for a webhook, or null for a public address. */
export function refusedRange(address: string): RefusedRange | null {
  const version = isIP(address);
  if (version === 0) return 'reserved';
  const family = version === 4 ? 'ipv4' : 'ipv6';
  for (const { range, family: f, list } of LISTS) if (f === family && list.check(address, family)) return range;
  return null;
}

/** An address a webhook may connect to, checked. */
export interface PinnedTarget {
  url: URL;
  address: string;
  family: 4 | 6;
}

export interface TargetOptions {
  allowPrivate: boolean;
  /** The resolver (dns.lookup with every address); tests may answer a name with an address of their choice. */
  resolve?: (host: string) => Promise<{ address: string; family: number }[]>;
}

const systemResolve = (host: string) => lookup(host, { all: true, verbatim: true });

function refuse(detail: string): never {
  throw new AppError('webhook_target_refused', { field: 'url', detail });
}

/** Parses a webhook URL: http or https, no user name or password. */
export function parseTargetUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refuse(`url: "${text.slice(0, 200)}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse(`url: only http and https are allowed, not ${url.protocol}`);
  if (url.username || url.password) refuse('url: a user name or password in the URL is not allowed (use the signature)');
  if (!url.hostname) refuse('url: the URL has no host');
  return url;
}

/**
 * Resolves a webhook's host once and checks every address it has: one refused address refuses
 * the target (an attacker's name may answer with a public and a private address). Answers the
 * first address, to connect to.
 */
export async function checkTarget(text: string, options: TargetOptions): Promise<PinnedTarget> {
  const url = parseTargetUrl(text);
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  let addresses: { address: string; family: number }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) }];
  } else {
    try {
      addresses = await (options.resolve ?? systemResolve)(host);
    } catch {
      return refuse(`url: the host ${host} cannot be resolved`);
    }
    if (addresses.length === 0) refuse(`url: the host ${host} has no address`);
  }
  if (!options.allowPrivate) {
    for (const { address } of addresses) {
      const range = refusedRange(address);
      if (range) {
        refuse(
          `url: ${host} resolves to ${address}, a ${range.replace('_', '-')} address; webhooks may only reach public addresses unless the administrator sets CORESPOND_WEBHOOKS_ALLOW_PRIVATE=true`,
        );
      }
    }
  }
  const first = addresses[0];
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
