import { countWindowMs } from './vote-coalescer';

describe('countWindowMs', () => {
  it('sends counts every 100 ms to a small hall and stretches the window to stay under 20,000 deliveries a second', () => {
    expect(countWindowMs(0)).toBe(100);
    expect(countWindowMs(2_000)).toBe(100);
    expect(countWindowMs(5_000)).toBe(250);
    expect(countWindowMs(7_000)).toBe(350);
  });

  it('never waits longer than 400 ms, so a change still shows within 500 ms', () => {
    expect(countWindowMs(50_000)).toBe(400);
  });
});
