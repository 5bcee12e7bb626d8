import { findHostileValue, hostileRequestTarget, MAX_JSON_DEPTH } from './hostile-input';

describe('findHostileValue', () => {
  it('lets ordinary and odd-but-valid Unicode through', () => {
    expect(findHostileValue({ title: 'Taman Kota 🌳', tags: ['\u200f', 'e\u0301', '\u200b'], n: 1e308, ok: true, none: null })).toBeNull();
  });

  it('finds a NUL or a lone surrogate in a value or a key, naming where', () => {
    expect(findHostileValue({ a: { b: ['x', 'y\u0000'] } })).toMatchObject({ field: 'body.a.b[1]' });
    expect(findHostileValue({ a: '\udc00' })).toMatchObject({ field: 'body.a' });
    expect(findHostileValue({ ['k\u0000']: 1 })).not.toBeNull();
    expect(findHostileValue(JSON.parse('{"__proto__":{"role":"admin"}}'))).toMatchObject({ field: 'body.__proto__' });
    expect(findHostileValue({ constructor: { prototype: {} } })).not.toBeNull();
  });

  it('refuses nesting deeper than the limit without recursing (100,000 levels)', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(findHostileValue(deep)?.message).toContain(String(MAX_JSON_DEPTH));
    const ok = JSON.parse(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`);
    expect(findHostileValue(ok)).toBeNull();
  });
});

describe('hostileRequestTarget', () => {
  it('refuses a raw or percent-encoded NUL anywhere in the path or query', () => {
    expect(hostileRequestTarget('/api/v1/threads?q=%00')).not.toBeNull();
    expect(hostileRequestTarget('/api/v1/live-sessions/by-code/AB%00')).not.toBeNull();
    expect(hostileRequestTarget('/api/v1/threads?q=taman%20kota')).toBeNull();
  });
});
