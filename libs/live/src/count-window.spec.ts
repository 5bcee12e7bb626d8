import { countWindowMs } from './vote-coalescer';

describe('countWindowMs', () => {
  it('sends counts every 100 ms to a hall of up to 3,000 and stretches the window to stay under 30,000 deliveries a second', () => {
    expect(countWindowMs(0)).toBe(100);
    expect(countWindowMs(3_000)).toBe(100);
    expect(countWindowMs(5_000)).toBe(167);
    expect(countWindowMs(9_000)).toBe(300);
  });

  it('never waits longer than 400 ms, so a change still shows within 500 ms', () => {
    expect(countWindowMs(50_000)).toBe(400);
  });
});
