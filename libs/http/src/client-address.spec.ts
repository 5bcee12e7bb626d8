import { addressKey, clientAddress, trustedProxies } from './client-address';

describe('addressKey', () => {
  it('groups IPv6 addresses by /64 and keeps IPv4 as it is', () => {
    expect(addressKey('2001:db8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
  });
});

describe('clientAddress', () => {
  const trusted = trustedProxies(['10.0.0.1', '192.168.0.0/16', '::1']);
  it('believes X-Forwarded-For only from a trusted proxy', () => {
    expect(clientAddress('203.0.113.9', '1.2.3.4', trusted)).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.1', '1.2.3.4', trusted)).toBe('1.2.3.4');
    expect(clientAddress('::ffff:10.0.0.1', '1.2.3.4', trusted)).toBe('1.2.3.4');
    // A spoofed left-most entry is never reached: the first untrusted hop from the right wins.
    expect(clientAddress('10.0.0.1', '6.6.6.6, 1.2.3.4, 192.168.1.5', trusted)).toBe('1.2.3.4');
    expect(clientAddress('10.0.0.1', undefined, trusted)).toBe('10.0.0.1');
    expect(clientAddress('10.0.0.1', '1.2.3.4', trustedProxies([]))).toBe('10.0.0.1');
  });
});
