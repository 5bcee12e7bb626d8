import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { BlockList, isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';

/**
 * The key every per-address limit counts under: an IPv4 address as it is (an IPv4-mapped IPv6 address
 * as its IPv4), an IPv6 address by its /64 prefix, since one household or phone gets a whole /64 and
 * could otherwise take a fresh address for every request.
 */
export function addressKey(address: string): string {
  const ip = address
    .trim()
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (isIP(ip) !== 6) return ip;
  const [head = '', tail = ''] = ip.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  // An embedded IPv4 tail (::1.2.3.4) counts as two groups; it never reaches the first four.
  const groups = [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => parseInt(group || '0', 16).toString(16))
    .join(':')}::/64`;
}

/** A BlockList of the TRUST_PROXY entries (addresses or CIDRs, IPv4 or IPv6). */
export function trustedProxies(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits] = entry.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (isIP(address) === 0) continue;
    if (bits === undefined) list.addAddress(address, family);
    else list.addSubnet(address, Number(bits), family);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address behind trusted proxies, as Fastify's `trustProxy` computes it for HTTP: walk
 * X-Forwarded-For from the right while the hop that handed the request on is a trusted proxy. A
 * client that is not behind a trusted proxy gets its own socket address, whatever header it sends.
 * For Socket.IO handshakes, which Fastify never sees.
 */
export function clientAddress(remote: string, forwardedFor: string | string[] | undefined, trusted: BlockList): string {
  let address = remote.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor ?? '');
  const hops = header
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  while (hops.length > 0 && isTrusted(trusted, address)) address = hops.pop()!;
  return address;
}

/** The grouped key (`addressKey`) of the request's client address (Fastify's `request.ip`, TRUST_PROXY applied). */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string =>
  addressKey(context.switchToHttp().getRequest<FastifyRequest>().ip),
);
