import { logSafeUrl } from './log-safe-url';

describe('logSafeUrl', () => {
  it('redacts credential-like query parameters and keeps the rest', () => {
    expect(logSafeUrl('/api/v1/me?token=abc.def.ghi&lang=id')).toBe('/api/v1/me?token=[redacted]&lang=id');
    expect(logSafeUrl('/x?ACCESS_TOKEN=s3cret')).toBe('/x?ACCESS_TOKEN=[redacted]');
    expect(logSafeUrl('/x?a=1&refresh_token=r&id_token=i&password=p')).toBe(
      '/x?a=1&refresh_token=[redacted]&id_token=[redacted]&password=[redacted]',
    );
    expect(logSafeUrl('/x?%74oken=s3cret')).toBe('/x?%74oken=[redacted]');
    expect(logSafeUrl('/x?token=a&token=b')).toBe('/x?token=[redacted]&token=[redacted]');
  });

  it('leaves URLs without credentials untouched, the fragment dropped', () => {
    expect(logSafeUrl('/api/v1/threads?page=2')).toBe('/api/v1/threads?page=2');
    expect(logSafeUrl('/live/ABC123')).toBe('/live/ABC123');
    expect(logSafeUrl('/x?tokens=1&mytoken=2')).toBe('/x?tokens=1&mytoken=2');
    expect(logSafeUrl('/x?token=a#frag')).toBe('/x?token=[redacted]');
    expect(logSafeUrl('/x?%E0%A4%A=1')).toBe('/x?%E0%A4%A=1');
  });
});
