import { EventRate, FLOOD_WINDOW_MS } from './event-rate';

describe('EventRate', () => {
  it('lets a burst of perSecond through, then the refill rate, and refuses the rest', () => {
    const rate = new EventRate(5, 100, 0);
    const first = Array.from({ length: 8 }, () => rate.take(0));
    expect(first).toEqual(['pass', 'pass', 'pass', 'pass', 'pass', 'refuse', 'refuse', 'refuse']);
    // 400 ms later two tokens have come back, no more.
    expect([rate.take(400), rate.take(400), rate.take(400)]).toEqual(['pass', 'pass', 'refuse']);
    // A quiet second refills the bucket to its size, not beyond.
    const later = Array.from({ length: 6 }, () => rate.take(5_000));
    expect(later.filter((verdict) => verdict === 'pass')).toHaveLength(5);
  });

  it('disconnects after disconnectAfter refusals within the window, and forgets refusals of an earlier window', () => {
    const rate = new EventRate(1, 3, 0);
    expect([rate.take(0), rate.take(0), rate.take(0)]).toEqual(['pass', 'refuse', 'refuse']);
    // A new window: the count starts again.
    const next = FLOOD_WINDOW_MS + 1;
    expect([rate.take(next), rate.take(next), rate.take(next), rate.take(next)]).toEqual(['pass', 'refuse', 'refuse', 'disconnect']);
  });
});
