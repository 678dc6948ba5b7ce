import { isIPv4, isIPv6 } from 'node:net';
import type { Request } from 'express';
import type { Logger } from '../infrastructure/logger';

const IPV4_MAPPED = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i;

/** The 8 groups of a valid IPv6 address, `::` expanded and a trailing dotted quad turned into its 2 groups. */
function ipv6Groups(address: string): number[] {
  const groupsOf = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((group) => {
          if (!group.includes('.')) return [parseInt(group, 16)];
          const [a = 0, b = 0, c = 0, d = 0] = group.split('.').map(Number);
          return [a * 256 + b, c * 256 + d];
        });
  const [head = '', tail] = address.split('::');
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * Whose budget an address spends. IPv6 by its /64: one subscriber is given at least a /64 and can rotate through
 * it at will, so keying on the full address would give each attempt a fresh budget. IPv4, also when a dual-stack
 * socket reports it IPv4-mapped (`::ffff:203.0.113.7`), as it is: the same client must not have two budgets.
 */
export function clientKey(address: string | undefined): string {
  if (address === undefined) return 'unknown'; // the socket is already gone
  if (isIPv4(address)) return address; // the common case, on every request
  const bare = withoutPort(address);
  const mapped = IPV4_MAPPED.exec(bare)?.[1];
  if (mapped !== undefined && isIPv4(mapped)) return mapped;
  const [unscoped = bare] = bare.split('%'); // a zone id (`fe80::1%eth0`) is not part of the address
  if (!isIPv6(unscoped)) return bare;
  const groups = ipv6Groups(unscoped);
  // `::ffff:cb00:7107`: an IPv4-mapped address written in hex is that IPv4 address too.
  if (groups.slice(0, 6).join(':') === '0:0:0:0:0:65535') {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}

/**
 * Some proxies append the client's port to X-Forwarded-For (`203.0.113.7:50001`, `[2001:db8::1]:443`): each port
 * would otherwise be a budget of its own.
 */
function withoutPort(address: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address)?.[1];
  if (bracketed !== undefined) return bracketed;
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(address)?.[1];
  return v4 ?? address;
}

/** The client of a request, as its budgets know it (`req.ip` honours TRUST_PROXY_HOPS). */
export const clientOf = (req: Request): string => clientKey(req.ip);

/**
 * With TRUST_PROXY_HOPS=0, a request that says it came through a proxy means the service sits behind one it does
 * not know of: every client then has the proxy's address, and all of them share one budget (one client's failed
 * logins lock everyone out). Only a request can show this, so it is said once, at the first such request, rather
 * than refused at start; it is not an error for the request, which is served. The global budget's key reads it
 * (no middleware of its own: nothing more per request than two header look-ups, and none once said).
 */
export function warningOfUntrustedProxy(logger: Logger, keyOf: (req: Request) => string): (req: Request) => string {
  let warned = false;
  return (req) => {
    if (!warned && (req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined)) {
      warned = true;
      logger.warn(
        { remoteAddress: req.socket.remoteAddress },
        'a request came through a proxy (X-Forwarded-For) but TRUST_PROXY_HOPS=0: every client has the ' +
          "proxy's address, and they all share one rate-limit budget. Set TRUST_PROXY_HOPS to the number of " +
          'proxies in front of the service (only if clients cannot reach it directly, or they choose their address)',
      );
    }
    return keyOf(req);
  };
}
