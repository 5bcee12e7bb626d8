import { ConnectionCap } from './connection-cap';

describe('ConnectionCap (in memory, without REDIS_URL)', () => {
  it('admits up to capacity per key, gives places back, and counts an added connection whatever the count', async () => {
    const cap = new ConnectionCap({ name: 'test', capacity: 2 }, null);
    expect(await cap.acquire('198.51.100.1')).toBe(true);
    expect(await cap.acquire('198.51.100.1')).toBe(true);
    expect(await cap.acquire('198.51.100.1')).toBe(false);
    expect(await cap.acquire('198.51.100.2')).toBe(true);
    cap.release('198.51.100.1');
    expect(await cap.acquire('198.51.100.1')).toBe(true);
    cap.add('198.51.100.1');
    expect(cap.held('198.51.100.1')).toBe(3);
    for (let i = 0; i < 5; i++) cap.release('198.51.100.1');
    expect(cap.held('198.51.100.1')).toBe(0);
    expect(await cap.acquire('198.51.100.1')).toBe(true);
    await cap.stop();
  });
});
